package dev.smartretry.planner;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The answer to "when next?": retry at a time, or stop with a reason.
 *
 * @param nextAttemptAt null exactly when the decision is to stop
 * @param successProbability the model's calibrated probability at that time, when a model chose it
 * @param retryNumber the number of the retry being scheduled (1 right after the original charge)
 * @param retriesRemaining retries left after this one
 * @param deadline the first failure plus the policy's max duration
 */
public record RetryDecision(
    Instant nextAttemptAt,
    OptionalDouble successProbability,
    int retryNumber,
    int retriesRemaining,
    Instant deadline,
    DecisionReason reason) {
  public RetryDecision {
    Objects.requireNonNull(successProbability, "successProbability");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean isRetry() {
    return nextAttemptAt != null;
  }

  /**
   * This decision taken for the control arm of the live control group (a fixed schedule's): a
   * scheduled retry gives that as its reason; a stop keeps its own.
   */
  public RetryDecision inControlGroup() {
    if (!isRetry()) {
      return this;
    }
    return new RetryDecision(
        nextAttemptAt,
        successProbability,
        retryNumber,
        retriesRemaining,
        deadline,
        DecisionReason.CONTROL_GROUP);
  }

  static RetryDecision stop(
      int retryNumber, int retriesRemaining, Instant deadline, DecisionReason reason) {
    return new RetryDecision(
        null, OptionalDouble.empty(), retryNumber, retriesRemaining, deadline, reason);
  }
}
