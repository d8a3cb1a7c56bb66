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
   * ±2 hours. The planner weighs one candidate per day and refines it to minutes, but what it
   * chooses between are hours of the customer's day (waking hours, overnight deposits, an issuer's
   * quiet hours, an outage): within two hours on the same local day a logged retry still shares
   * them. Narrower starves the estimate, wider blurs it: on a generated history (3,000 invoices of
   * another seed than the model's 20,000) one hour matched 40 % fewer retries than two for a rate
   * within the same interval (0.27 and 0.25), while three and six hours drifted towards the
   * history's own 0.12 (0.25, 0.23) as the logged time stood less for the planner's. {@code
   * evaluate --replay-tolerance} changes it.
   */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofHours(2);

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
