package dev.smartretry.service.plans;

import dev.smartretry.service.metrics.RecentReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The managed flow on {@code /prometheus} (docs/http-api.md, section 4): what this instance
 * registered, retried, recovered and finished, as counters a dashboard sums over instances, and the
 * scheduled plans of the whole database as a gauge.
 */
@Singleton
final class PlanMetrics {
  // Counting scheduled plans is a query; scrapes come every few seconds from each Prometheus.
  private static final Duration GAUGE_FRESHNESS = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final Counter registered;
  private final Counter recoveries;
  private final Counter withoutOutcome;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  PlanMetrics(MeterRegistry registry, PaymentPlans plans, Clock clock) {
    this.registry = registry;
    this.registered =
        Counter.builder("smart_retry_payment_failures")
            .description(
                "Payment failures registered for the scheduler to retry, or reported by billing"
                    + " systems that retry themselves")
            .register(registry);
    this.recoveries =
        Counter.builder("smart_retry_recoveries")
            .description("Invoices recovered by a retry, the scheduler's or a reported one")
            .register(registry);
    this.withoutOutcome =
        Counter.builder("smart_retry_gateway_calls_without_outcome")
            .description(
                "Calls to the charge endpoint that got no outcome (timeout, error, bad answer)")
            .register(registry);
    Supplier<Number> scheduled = new RecentReading(plans::countScheduled, GAUGE_FRESHNESS, clock);
    Gauge.builder("smart_retry_scheduled_plans", scheduled)
        .description("Plans with a retry still to come, in the whole database")
        .register(registry);
  }

  @EventListener
  void onPlanChanged(PlanChanged changed) {
    switch (changed.change()) {
      case REGISTERED -> registered.increment();
      case NO_OUTCOME -> withoutOutcome.increment();
      case RETRIED -> retried(changed);
      case RESOLVED -> {
        // Counted below as finished.
      }
    }
    if (changed.finished()) {
      finished(changed.status());
    }
  }

  /**
   * An attempt a billing system reported (section 2b): its first failure counts as a payment
   * failure, its retries and recoveries as the scheduler's do, so that the counters cover both.
   */
  void reported(
      int attemptNumber, String outcome, String invoiceStatus, long amountMinor, String currency) {
    if (attemptNumber == 1) {
      registered.increment();
    } else {
      retried(outcome);
    }
    if ("succeeded".equals(outcome)) {
      recovered(amountMinor, currency);
    }
    if (!PlanStatus.SCHEDULED.wireName().equals(invoiceStatus)) {
      finished(invoiceStatus);
    }
  }

  private void retried(PlanChanged changed) {
    retried(changed.outcome());
    if ("succeeded".equals(changed.outcome()) && changed.finished()) {
      recovered(changed.amountMinor(), changed.currency());
    }
  }

  private void retried(String outcome) {
    counter("smart_retry_retries", "Retries executed, by outcome", "outcome", outcome).increment();
  }

  private void recovered(long amountMinor, String currency) {
    recoveries.increment();
    counter(
            "smart_retry_recovered_amount_minor",
            "Amounts recovered, in the currency's minor unit, by currency",
            "currency",
            currency)
        .increment(amountMinor);
  }

  private void finished(String status) {
    counter("smart_retry_plans_finished", "Plans that became final, by status", "status", status)
        .increment();
  }

  private Counter counter(String name, String description, String tag, String value) {
    return counters.computeIfAbsent(
        name + '|' + value,
        key -> Counter.builder(name).description(description).tag(tag, value).register(registry));
  }
}
