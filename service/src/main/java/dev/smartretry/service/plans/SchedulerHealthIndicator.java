package dev.smartretry.service.plans;

import dev.smartretry.service.clock.ServiceClock;
import dev.smartretry.service.gateway.GatewaySettings;
import dev.smartretry.service.scheduler.SchedulerSettings;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * {@code scheduler} in {@code /health}: whether this instance runs retries, the time it goes by,
 * and the backlog of the whole database: retries due now and the oldest of them.
 */
@Singleton
final class SchedulerHealthIndicator implements HealthIndicator {
  static final String NAME = "scheduler";

  private final PaymentPlans plans;
  private final SchedulerSettings settings;
  private final GatewaySettings gateway;
  private final ServiceClock clock;

  SchedulerHealthIndicator(
      PaymentPlans plans, SchedulerSettings settings, GatewaySettings gateway, ServiceClock clock) {
    this.plans = plans;
    this.settings = settings;
    this.gateway = gateway;
    this.clock = clock;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean configured = gateway.url().isPresent();
    details.put("enabled", settings.enabled() && configured);
    if (!configured) {
      details.put("reason", "no SMART_RETRY_GATEWAY_URL: payment failures cannot be registered");
    } else if (!settings.enabled()) {
      details.put("reason", "SMART_RETRY_SCHEDULER=off: other instances run the retries");
    }
    Instant now = clock.instant();
    details.put("clock", now);
    HealthStatus status = HealthStatus.UP;
    try {
      details.put("due_retries", plans.countDue(now));
      Optional<Instant> oldest = plans.oldestDue(now);
      details.put("oldest_due_retry", oldest.orElse(null));
      details.put(
          "oldest_due_seconds", oldest.map(at -> Duration.between(at, now).toSeconds()).orElse(0L));
    } catch (RuntimeException e) {
      status = HealthStatus.UNKNOWN;
      details.put("backlog", "unknown: the database cannot be read");
    }
    return Publishers.just(HealthResult.builder(NAME, status).details(details).build());
  }
}
