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
 * @param selection the probability with which this retry's time was chosen, and whether it was
 *     explored; certain (1) for a stop and for every time chosen by rule
 */
public record RetryDecision(
    Instant nextAttemptAt,
    OptionalDouble successProbability,
    int retryNumber,
    int retriesRemaining,
    Instant deadline,
    DecisionReason reason,
    Selection selection) {
  public RetryDecision {
    Objects.requireNonNull(successProbability, "successProbability");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(selection, "selection");
  }

  /** A decision whose time, if any, was chosen with certainty. */
  public RetryDecision(
      Instant nextAttemptAt,
      OptionalDouble successProbability,
      int retryNumber,
      int retriesRemaining,
      Instant deadline,
      DecisionReason reason) {
    this(
        nextAttemptAt,
        successProbability,
        retryNumber,
        retriesRemaining,
        deadline,
        reason,
        Selection.CERTAIN);
  }

  public boolean isRetry() {
    return nextAttemptAt != null;
  }

  /**
   * This decision taken for the control arm of the live control group (a fixed schedule's): a
   * scheduled retry gives that as its reason; a stop keeps its own. The schedule is followed
   * without exploration, so the time is certain.
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
