package dev.smartretry.planner;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The merchant's limits on retrying one invoice.
 *
 * @param mode {@code SMART} lets the model choose; {@code FIXED} follows {@code schedule}; {@code
 *     MANUAL} retries nothing: a person handles the invoice
 * @param maxRetries retries allowed after the original charge
 * @param maxDuration the window after the first failure in which retries may run
 * @param minInterval the least time between two attempts
 * @param schedule offsets from the first failure: a fixed policy's plan and a smart one's fallback
 * @param gracePeriod no retry sooner than this after the first failure
 */
public record RetryPolicy(
    Mode mode,
    int maxRetries,
    Duration maxDuration,
    Duration minInterval,
    List<Duration> schedule,
    Duration gracePeriod) {
  public enum Mode {
    SMART,
    FIXED,
    /** No automatic retry: every decision stops, for a person to take the invoice on. */
    MANUAL
  }

  public RetryPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(minInterval, "minInterval");
    schedule = List.copyOf(schedule);
    if (maxRetries < 1) {
      throw new IllegalArgumentException("maxRetries must be at least 1");
    }
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive");
    }
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must not be negative");
    }
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("gracePeriod must not be negative");
    }
  }

  /** The same limits under another mode. */
  public RetryPolicy withMode(Mode other) {
    return new RetryPolicy(other, maxRetries, maxDuration, minInterval, schedule, gracePeriod);
  }

  /**
   * A smart policy with the given limits, the spec's default fallback schedule and no grace period.
   */
  public static RetryPolicy smart(int maxRetries, Duration maxDuration, Duration minInterval) {
    return new RetryPolicy(
        Mode.SMART,
        maxRetries,
        maxDuration,
        minInterval,
        List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)),
        Duration.ZERO);
  }
}
