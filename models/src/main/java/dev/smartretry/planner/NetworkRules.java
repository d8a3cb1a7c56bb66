package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.CardBrand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The card networks' rules, which hold whatever a policy or model says: no retry after a hard
 * decline, none after a Mastercard merchant advice code 03 or 21, none sooner than the wait an
 * advice code 24 to 30 on the previous attempt asks for, and at most 15 retries of a Visa card in
 * any 30 days.
 */
public final class NetworkRules {
  static final Set<String> FORBIDDING_ADVICE_CODES = Set.of("03", "21");

  /** Mastercard's "retry after" advice codes and the least wait each asks for. */
  static final Map<String, Duration> ADVICE_WAITS =
      Map.of(
          "24", Duration.ofHours(1),
          "25", Duration.ofHours(24),
          "26", Duration.ofDays(2),
          "27", Duration.ofDays(4),
          "28", Duration.ofDays(6),
          "29", Duration.ofDays(8),
          "30", Duration.ofDays(10));

  static final int VISA_RETRIES = 15;
  static final Duration VISA_WINDOW = Duration.ofDays(30);

  private NetworkRules() {}

  /** Whether any attempt so far forbids retrying this card again. */
  public static boolean forbidsRetry(DecisionContext context) {
    for (PastAttempt attempt : context.attempts()) {
      if (attempt.declineCode().isHard()
          || attempt.networkAdviceCode().filter(FORBIDDING_ADVICE_CODES::contains).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The earliest time an advice code on the previous attempt allows the next retry; empty when it
   * carries none that asks for a wait.
   */
  public static Optional<Instant> adviceEarliest(DecisionContext context) {
    PastAttempt previous = context.previousAttempt();
    return previous
        .networkAdviceCode()
        .map(ADVICE_WAITS::get)
        .map(wait -> previous.attemptedAt().plus(wait));
  }

  /**
   * The earliest time the Visa rule allows the next retry: with 15 retries already in the last 30
   * days, not before the oldest of them leaves the window. Empty when the rule does not bind.
   */
  public static Optional<Instant> visaEarliest(DecisionContext context) {
    if (context.card().brand() != CardBrand.VISA) {
      return Optional.empty();
    }
    List<PastAttempt> retries = context.attempts().subList(1, context.attempts().size());
    if (retries.size() < VISA_RETRIES) {
      return Optional.empty();
    }
    Instant oldestCounted = retries.get(retries.size() - VISA_RETRIES).attemptedAt();
    return Optional.of(oldestCounted.plus(VISA_WINDOW).plusSeconds(1));
  }
}
