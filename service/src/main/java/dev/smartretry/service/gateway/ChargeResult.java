package dev.smartretry.service.gateway;

import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Outcome;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.OptionalInt;

/** What a call to the charge endpoint came back with. */
public sealed interface ChargeResult {
  /**
   * The charge's outcome.
   *
   * @param declineCode why it failed; null when it succeeded
   * @param devices24h the signal the billing system observed, when it sent one
   * @param networkAdviceCode the card network's advice (Mastercard merchant advice code), if any
   */
  record Charged(
      Outcome outcome,
      @Nullable DeclineCode declineCode,
      OptionalInt devices24h,
      @Nullable String networkAdviceCode)
      implements ChargeResult {
    public Charged {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(devices24h, "devices24h");
      if ((outcome == Outcome.FAILED) != (declineCode != null)) {
        throw new IllegalArgumentException("a decline code goes with a failure, and only there");
      }
    }
  }

  /**
   * No outcome: the call timed out, could not connect, got a non-2xx status or a body that is not
   * an outcome. The charge may or may not have happened; the same key asks again.
   *
   * @param problem what went wrong, for {@code last_error} and the log
   */
  record NoOutcome(String problem) implements ChargeResult {
    public NoOutcome {
      Objects.requireNonNull(problem, "problem");
    }
  }
}
