package dev.smartretry.service.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions for Prometheus: {@code smart_retry_decisions_total} by decision and reason, and the
 * time to decide, {@code smart_retry_decision_seconds}, as a histogram (its buckets let a dashboard
 * compute any percentile over any set of instances).
 */
@Singleton
final class DecisionMetrics {
  private final MeterRegistry registry;
  private final Timer latency;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  DecisionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("smart_retry_decision")
            .description("Time to decide the next retry of an invoice")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(1))
            .register(registry);
  }

  void record(String decision, String reason, long nanos) {
    latency.record(Duration.ofNanos(nanos));
    counters
        .computeIfAbsent(
            decision + ' ' + reason,
            key ->
                Counter.builder("smart_retry_decisions")
                    .description("Retry decisions made, by decision and reason")
                    .tag("decision", decision)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }
}
