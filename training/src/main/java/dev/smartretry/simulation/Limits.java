package dev.smartretry.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * The merchant's limits every strategy of a simulation plays under.
 *
 * @param maxRetries retries allowed after the original charge
 * @param maxDuration the window after the first failure
 * @param minInterval the least time between two attempts
 */
public record Limits(int maxRetries, Duration maxDuration, Duration minInterval) {
  public Limits {
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(minInterval, "minInterval");
    if (maxRetries < 1) {
      throw new IllegalArgumentException("max retries must be at least 1");
    }
    if (maxDuration.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("max duration must be at least an hour");
    }
    if (minInterval.compareTo(Duration.ofMinutes(1)) < 0
        || minInterval.compareTo(maxDuration) > 0) {
      throw new IllegalArgumentException(
          "min interval must be at least a minute and at most the max duration");
    }
  }
}
