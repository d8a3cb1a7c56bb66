package dev.smartretry.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code smart_retry_model_log_loss} on {@code /prometheus}: the live model's mean log loss on the
 * scheduler's retries of the last week, by the service's clock. An alert on it rising says when to
 * retrain; the dashboard's calibration shows where the probabilities went wrong. Registered at
 * start, so that the series exists before the first retry (NaN until there is one).
 */
@Context
final class ModelDriftGauge {
  static final Duration RECENT = Duration.ofDays(7);
  // The loss moves with retries by the thousand; a minute old is fresh enough.
  private static final Duration FRESHNESS = Duration.ofMinutes(1);

  ModelDriftGauge(MeterRegistry registry, CalibrationReport calibration, Clock clock) {
    RecentReading loss =
        new RecentReading(
            () -> {
              Instant now = clock.instant();
              Double recent = calibration.logLoss(now.minus(RECENT), now);
              return recent == null ? Double.NaN : recent;
            },
            FRESHNESS,
            clock);
    Gauge.builder("smart_retry_model_log_loss", loss)
        .description(
            "Mean log loss of the live model on the scheduler's retries of the last 7 days;"
                + " NaN before any")
        .register(registry);
  }
}
