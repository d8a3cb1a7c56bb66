package dev.smartretry.history;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One payment attempt on a failed invoice: number 1 is the original charge, 2 the first retry.
 *
 * @param attemptNumber 1-based position in the invoice
 * @param attemptedAt when the attempt was made
 * @param outcome succeeded or failed
 * @param declineCode the reason of a failed attempt; null exactly when it succeeded
 * @param devices24h distinct devices that presented the card in the 24 hours before; empty when
 *     unknown (never a zero that means "unknown")
 * @param selectionProbability for a retry our planner timed, the probability with which its time
 *     was chosen (see {@code dev.smartretry.planner.Selection}), in (0, 1]; empty when unknown (a
 *     billing system's own retries, the original charge, any history from elsewhere)
 */
public record Attempt(
    int attemptNumber,
    Instant attemptedAt,
    Outcome outcome,
    DeclineCode declineCode,
    OptionalInt devices24h,
    OptionalDouble selectionProbability) {
  public Attempt {
    Objects.requireNonNull(attemptedAt, "attemptedAt");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(devices24h, "devices24h");
    Objects.requireNonNull(selectionProbability, "selectionProbability");
    if (selectionProbability.isPresent()
        && !ValueRules.isProbability(selectionProbability.getAsDouble())) {
      throw new IllegalArgumentException(
          "a selection probability is in (0, 1]: " + selectionProbability.getAsDouble());
    }
    if (attemptNumber < 1) {
      throw new IllegalArgumentException("attemptNumber must be >= 1: " + attemptNumber);
    }
    if ((outcome == Outcome.SUCCEEDED) != (declineCode == null)) {
      throw new IllegalArgumentException(
          "a decline code goes with a failed attempt, and only there");
    }
  }

  /** An attempt whose time's selection probability is unknown: the history format's own. */
  public Attempt(
      int attemptNumber,
      Instant attemptedAt,
      Outcome outcome,
      DeclineCode declineCode,
      OptionalInt devices24h) {
    this(attemptNumber, attemptedAt, outcome, declineCode, devices24h, OptionalDouble.empty());
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  /** Whether this attempt forbids any further retry of the same card. */
  public boolean isHardDecline() {
    return declineCode != null && declineCode.isHard();
  }
}
