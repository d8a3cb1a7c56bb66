package dev.smartretry.service.database;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code decision_state} in {@code /health}: whether the policies and routing rules decisions use
 * are current, or the last ones known while the database is away, and since when. Decisions still
 * work either way, so it is UP; the database's own entry says DOWN.
 */
@Singleton
final class DecisionStateHealthIndicator implements HealthIndicator {
  static final String NAME = "decision_state";

  private final DatabaseOutage outage;

  DecisionStateHealthIndicator(DatabaseOutage outage) {
    this.outage = outage;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> details =
        outage
            .since()
            .<Map<String, Object>>map(
                since -> Map.of("state", "stale", "stale_since", since.toString()))
            .orElse(Map.of("state", "current"));
    return Publishers.just(HealthResult.builder(NAME, HealthStatus.UP).details(details).build());
  }
}
