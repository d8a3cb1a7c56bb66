package dev.smartretry.service.scheduler;

import dev.smartretry.service.settings.SettingText;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Locale;

/**
 * How this instance claims due work. Durations are real time, whatever a simulation clock says.
 *
 * @param scheduler {@code SMART_RETRY_SCHEDULER}: {@code on} (default) or {@code off}, an instance
 *     that only answers requests
 * @param schedulerBatchSize {@code SMART_RETRY_SCHEDULER_BATCH_SIZE}: items claimed per query,
 *     default 50
 * @param schedulerConcurrency {@code SMART_RETRY_SCHEDULER_CONCURRENCY}: items under way at once on
 *     this instance, default 128 (for retries: calls waiting for the billing system's answer)
 * @param schedulerPollInterval {@code SMART_RETRY_SCHEDULER_POLL_INTERVAL}: the longest sleep
 *     between two looks for due work, default 0.5 s, at most 1 s
 * @param schedulerLease {@code SMART_RETRY_SCHEDULER_LEASE}: how long a claimed item stays this
 *     instance's before another may take it over, default 2 min
 */
@ConfigurationProperties("smart-retry")
public record SchedulerSettings(
    @Nullable String scheduler,
    @Nullable String schedulerBatchSize,
    @Nullable String schedulerConcurrency,
    @Nullable String schedulerPollInterval,
    @Nullable String schedulerLease) {
  private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

  /** Whether this instance executes due work; a misspelt value stops the start. */
  public boolean enabled() {
    String value = scheduler == null ? "on" : scheduler.strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new ConfigurationException(
              "SMART_RETRY_SCHEDULER (smart-retry.scheduler) must be on or off, not " + scheduler);
    };
  }

  public int batchSize() {
    return SettingText.atLeastOne(schedulerBatchSize, "SMART_RETRY_SCHEDULER_BATCH_SIZE", 50);
  }

  public int concurrency() {
    return SettingText.atLeastOne(schedulerConcurrency, "SMART_RETRY_SCHEDULER_CONCURRENCY", 128);
  }

  public Duration pollInterval() {
    Duration configured =
        SettingText.duration(schedulerPollInterval, "SMART_RETRY_SCHEDULER_POLL_INTERVAL");
    Duration poll = configured == null ? Duration.ofMillis(500) : configured;
    if (poll.isNegative() || poll.isZero() || poll.compareTo(LONGEST_POLL) > 0) {
      throw new ConfigurationException(
          "SMART_RETRY_SCHEDULER_POLL_INTERVAL must be longer than zero and at most 1 s, so that"
              + " due work starts within a second");
    }
    return poll;
  }

  public Duration lease() {
    return SettingText.positiveDuration(
        schedulerLease, "SMART_RETRY_SCHEDULER_LEASE", Duration.ofMinutes(2));
  }
}
