package dev.smartretry.service.metrics;

import dev.smartretry.service.settings.SettingText;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How this instance keeps the recovery metrics' settled days summed ({@link RecoveryDays}).
 *
 * @param sumDaysAfter {@code SMART_RETRY_METRICS_SUM_DAYS_AFTER}: how long after start the first
 *     summing runs, default 10 s; a long one ({@code 1000d}) holds summing off
 */
@ConfigurationProperties("smart-retry.metrics")
record MetricsSettings(@Nullable String sumDaysAfter) {
  /** How often summing runs after the first time. */
  static final Duration SUM_DAYS_EVERY = Duration.ofMinutes(1);

  Duration firstSumAfter() {
    Duration configured = SettingText.duration(sumDaysAfter, "SMART_RETRY_METRICS_SUM_DAYS_AFTER");
    Duration after = configured == null ? Duration.ofSeconds(10) : configured;
    if (after.isNegative()) {
      throw new ConfigurationException(
          "SMART_RETRY_METRICS_SUM_DAYS_AFTER must not be negative, not " + sumDaysAfter);
    }
    return after;
  }
}
