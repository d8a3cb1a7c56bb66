package dev.smartretry.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.planner.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RuleCheckTest {
  private static final Instant FIRST = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant PREVIOUS = FIRST.plus(Duration.ofDays(2));
  private static final Instant AS_OF = PREVIOUS.plus(Duration.ofMinutes(1));
  private static final RetryPolicy POLICY =
      new RetryPolicy(
          RetryPolicy.Mode.SMART,
          3,
          Duration.ofDays(14),
          Duration.ofHours(4),
          List.of(),
          Duration.ofDays(1));

  private static DecisionContext after(PastAttempt... attempts) {
    return new DecisionContext(
        1_999,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of("Europe/Paris"),
        OptionalInt.empty(),
        new Card(CardBrand.MASTERCARD, CardFunding.DEBIT, "FR", Optional.empty()),
        List.of(attempts),
        OptionalInt.empty());
  }

  private static final DecisionContext ONE_RETRY_FAILED =
      after(
          new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
          new PastAttempt(PREVIOUS, DeclineCode.INSUFFICIENT_FUNDS));

  @Test
  void aRetryWithinEveryLimitBreaksNothing() {
    assertThat(
            RuleCheck.broken(ONE_RETRY_FAILED, POLICY, AS_OF, PREVIOUS.plus(Duration.ofHours(4))))
        .isFalse();
    assertThat(RuleCheck.broken(ONE_RETRY_FAILED, POLICY, AS_OF, FIRST.plus(Duration.ofDays(14))))
        .isFalse();
  }

  @Test
  void eachHardRuleIsCaught() {
    // Before the decision, sooner than the min interval, after the deadline.
    assertThat(RuleCheck.broken(ONE_RETRY_FAILED, POLICY, AS_OF, PREVIOUS)).isTrue();
    assertThat(
            RuleCheck.broken(ONE_RETRY_FAILED, POLICY, AS_OF, PREVIOUS.plus(Duration.ofHours(3))))
        .isTrue();
    assertThat(
            RuleCheck.broken(
                ONE_RETRY_FAILED, POLICY, AS_OF, FIRST.plus(Duration.ofDays(14)).plusSeconds(1)))
        .isTrue();
    // Within the grace period of the first failure.
    DecisionContext first = after(new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS));
    assertThat(RuleCheck.broken(first, POLICY, FIRST, FIRST.plus(Duration.ofHours(23)))).isTrue();
    assertThat(RuleCheck.broken(first, POLICY, FIRST, FIRST.plus(Duration.ofHours(24)))).isFalse();
    // After a hard decline, or a Mastercard advice code that forbids retrying.
    DecisionContext stolen =
        after(
            new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
            new PastAttempt(PREVIOUS, DeclineCode.STOLEN_CARD));
    assertThat(RuleCheck.broken(stolen, POLICY, AS_OF, FIRST.plus(Duration.ofDays(5)))).isTrue();
    DecisionContext forbidden =
        after(new PastAttempt(FIRST, DeclineCode.GENERIC_DECLINE, Optional.of("21")));
    assertThat(RuleCheck.broken(forbidden, POLICY, FIRST, FIRST.plus(Duration.ofDays(5)))).isTrue();
    // Sooner than a Mastercard advice code's wait (24: an hour).
    DecisionContext wait =
        after(new PastAttempt(FIRST, DeclineCode.GENERIC_DECLINE, Optional.of("24")));
    RetryPolicy noGrace =
        new RetryPolicy(
            RetryPolicy.Mode.SMART,
            3,
            Duration.ofDays(14),
            Duration.ofMinutes(1),
            List.of(),
            Duration.ZERO);
    assertThat(RuleCheck.broken(wait, noGrace, FIRST, FIRST.plus(Duration.ofMinutes(30)))).isTrue();
    // With every retry of the policy used.
    DecisionContext spent =
        after(
            new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
            new PastAttempt(FIRST.plus(Duration.ofDays(1)), DeclineCode.INSUFFICIENT_FUNDS),
            new PastAttempt(FIRST.plus(Duration.ofDays(2)), DeclineCode.INSUFFICIENT_FUNDS),
            new PastAttempt(FIRST.plus(Duration.ofDays(3)), DeclineCode.INSUFFICIENT_FUNDS));
    assertThat(
            RuleCheck.broken(
                spent, POLICY, FIRST.plus(Duration.ofDays(3)), FIRST.plus(Duration.ofDays(4))))
        .isTrue();
  }
}
