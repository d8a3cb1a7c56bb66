package dev.smartretry.history;

import java.time.Instant;
import java.util.Objects;
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
 */
public record Attempt(
    int attemptNumber,
    Instant attemptedAt,
    Outcome outcome,
    DeclineCode declineCode,
    OptionalInt devices24h) {
  public Attempt {
    Objects.requireNonNull(attemptedAt, "attemptedAt");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(devices24h, "devices24h");
    if (attemptNumber < 1) {
      throw new IllegalArgumentException("attemptNumber must be >= 1: " + attemptNumber);
    }
    if ((outcome == Outcome.SUCCEEDED) != (declineCode == null)) {
      throw new IllegalArgumentException(
          "a decline code goes with a failed attempt, and only there");
    }
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  /** Whether this attempt forbids any further retry of the same card. */
  public boolean isHardDecline() {
    return declineCode != null && declineCode.isHard();
  }
}
