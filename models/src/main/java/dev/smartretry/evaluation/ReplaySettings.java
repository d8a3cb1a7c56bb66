package dev.smartretry.evaluation;

import dev.smartretry.planner.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PlannerReplay} asks the planner and when its answer counts as the history's retry.
 *
 * @param policy the merchant's limits the planner decides under at every decision point
 * @param tolerance how far the planner's time may be from the logged retry's, either way, and still
 *     match it (on the same local day as well); see {@link PlannerReplay}
 */
public record ReplaySettings(RetryPolicy policy, Duration tolerance) {
  /**
   * ±1 hour. Within it the logged time stands well for the planner's: the planner weighs one
   * candidate per day and refines it to minutes, but what it chooses between are hours of the
   * customer's day (waking hours, overnight deposits, an issuer's quiet hours, an outage). Wider
   * matches more points and blurs them: on a generated history whose truth is known (1,500 invoices
   * of the default world) the weighted estimate was within 0.025 of the true rate of the oracle,
   * the shipped model and the oracle upside down at one hour; at two and six hours the oracle's
   * fell from 0.36 to 0.31 and 0.27 (true 0.39), below the shipped model's at six. {@code evaluate
   * --replay-tolerance} changes it.
   */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofHours(1);

  /** Retries after the original charge in the default policy, as {@code simulate}'s default. */
  public static final int DEFAULT_MAX_RETRIES = 8;

  /** The default policy's retry window, as {@code simulate}'s default. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(14);

  /** The default policy's least time between attempts, as {@code simulate}'s default. */
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofHours(1);

  public ReplaySettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("the replay tolerance must not be negative");
    }
  }

  /** A smart policy with {@code simulate}'s default limits, and the default tolerance. */
  public static ReplaySettings defaults() {
    return new ReplaySettings(
        RetryPolicy.smart(DEFAULT_MAX_RETRIES, DEFAULT_MAX_DURATION, DEFAULT_MIN_INTERVAL),
        DEFAULT_TOLERANCE);
  }
}
