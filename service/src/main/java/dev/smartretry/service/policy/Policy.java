package dev.smartretry.service.policy;

import dev.smartretry.planner.RetryPolicy;
import java.util.List;
import java.util.Objects;

/**
 * A stored retry policy, checked against the API's rules (see {@link PolicyJson}).
 *
 * @param name its name, unique
 * @param mode {@code SMART} lets the model choose; {@code FIXED} follows {@code schedule}
 * @param maxRetries retries allowed after the original charge, 1 to 25
 * @param maxDuration the window after the first failure in which retries may run, up to 60 days
 * @param minInterval the least time between two attempts, at most {@code maxDuration}
 * @param schedule offsets from the first failure, strictly increasing, each within {@code
 *     maxDuration}, at most {@code maxRetries} of them: a fixed policy's plan and a smart one's
 *     fallback
 * @param finalAction what the billing system should do when retrying ends without recovery
 * @param gracePeriod no retry sooner than this after the first failure; zero for none, shorter than
 *     {@code maxDuration}
 * @param controlShare the share of customers in the control arm of the live control group, 0 to 0.5
 *     (docs/http-api.md, section 8)
 */
public record Policy(
    String name,
    RetryPolicy.Mode mode,
    int maxRetries,
    IsoDuration maxDuration,
    IsoDuration minInterval,
    List<IsoDuration> schedule,
    FinalAction finalAction,
    IsoDuration gracePeriod,
    double controlShare) {
  /** The policy that always exists and applies when nothing else is chosen. */
  public static final String DEFAULT_NAME = "default";

  /** More than half the customers in the control arm would cost more than it measures. */
  public static final double MAX_CONTROL_SHARE = 0.5;

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(minInterval, "minInterval");
    schedule = List.copyOf(schedule);
    Objects.requireNonNull(finalAction, "finalAction");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (!(controlShare >= 0 && controlShare <= MAX_CONTROL_SHARE)) {
      throw new IllegalArgumentException("controlShare must be between 0 and 0.5");
    }
  }

  /** The limits the retry planner works within. */
  public RetryPolicy toRetryPolicy() {
    return new RetryPolicy(
        mode,
        maxRetries,
        maxDuration.value(),
        minInterval.value(),
        schedule.stream().map(IsoDuration::value).toList(),
        gracePeriod.value());
  }
}
