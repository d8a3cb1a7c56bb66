package dev.smartretry.features;

import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed attempt known at a decision.
 *
 * @param networkAdviceCode the card network's merchant advice code, when the billing system sent
 *     one (Mastercard's 03 and 21 forbid further retries)
 */
public record PastAttempt(
    Instant attemptedAt, DeclineCode declineCode, Optional<String> networkAdviceCode) {
  public PastAttempt {
    Objects.requireNonNull(attemptedAt, "attemptedAt");
    Objects.requireNonNull(declineCode, "declineCode");
    Objects.requireNonNull(networkAdviceCode, "networkAdviceCode");
  }

  public PastAttempt(Instant attemptedAt, DeclineCode declineCode) {
    this(attemptedAt, declineCode, Optional.empty());
  }
}
