package dev.smartretry.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPlannerTest {
  private static final Instant FIRST = Instant.parse("2026-03-01T14:05:00Z");

  private static DecisionContext context(CardBrand brand, List<PastAttempt> attempts) {
    return new DecisionContext(
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of("Europe/Paris"),
        OptionalInt.of(100),
        new Card(brand, CardFunding.DEBIT, "FR", Optional.empty()),
        attempts,
        OptionalInt.of(1));
  }

  private static DecisionContext afterFirstFailure() {
    return context(CardBrand.VISA, List.of(new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS)));
  }

  /** A scorer that likes one moment: p = peak there, low elsewhere. */
  private static SuccessScorer peakAt(Instant peak, double atPeak, double elsewhere) {
    return (context, candidates) -> {
      double[] probabilities = new double[candidates.size()];
      for (int index = 0; index < probabilities.length; index++) {
        probabilities[index] = candidates.get(index).equals(peak) ? atPeak : elsewhere;
      }
      return probabilities;
    };
  }

  @Test
  void lastRetryGoesToTheBestSlot() {
    Instant peak = FIRST.plus(Duration.ofDays(9)).plus(Duration.ofMinutes(55));
    RetryPolicy policy = RetryPolicy.smart(1, Duration.ofDays(14), Duration.ofHours(1));

    RetryDecision decision =
        new RetryPlanner(peakAt(peak, 0.6, 0.1))
            .decide(afterFirstFailure(), policy, FIRST.plusSeconds(60));

    assertThat(decision.nextAttemptAt()).isEqualTo(peak);
    assertThat(decision.successProbability().getAsDouble()).isEqualTo(0.6);
    assertThat(decision.reason()).isEqualTo(DecisionReason.MODEL_OPTIMUM);
    assertThat(decision.retriesRemaining()).isZero();
  }

  @Test
  void withBudgetLeftAnEarlierGoodSlotIsNotWastedWaiting() {
    Instant late = FIRST.plus(Duration.ofDays(12)).plus(Duration.ofMinutes(55));
    Instant early = FIRST.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(55));
    SuccessScorer scorer =
        (context, candidates) -> {
          double[] probabilities = new double[candidates.size()];
          for (int index = 0; index < probabilities.length; index++) {
            Instant at = candidates.get(index);
            probabilities[index] = at.equals(late) ? 0.5 : at.equals(early) ? 0.4 : 0.05;
          }
          return probabilities;
        };

    RetryDecision decision =
        new RetryPlanner(scorer)
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(2, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    // Early then late (0.4 + 0.6 * 0.5) beats late alone or anything else then late.
    assertThat(decision.nextAttemptAt()).isEqualTo(early);
  }

  @Test
  void fineGridFindsTheMinutesAroundTheChosenSlot() {
    Instant between = FIRST.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(60));
    SuccessScorer scorer =
        (context, candidates) -> {
          double[] probabilities = new double[candidates.size()];
          for (int index = 0; index < probabilities.length; index++) {
            long minutes = Math.abs(Duration.between(between, candidates.get(index)).toMinutes());
            probabilities[index] = Math.max(0, 0.5 - minutes / 100.0);
          }
          return probabilities;
        };

    RetryDecision decision =
        new RetryPlanner(scorer)
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(1, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    assertThat(decision.nextAttemptAt()).isEqualTo(between);
  }

  @Test
  void scoresTheWindowHourlyThenPairsOfDaysThenOnlyTheChosenTimeMoreFinely() {
    List<Instant> scored = new ArrayList<>();
    SuccessScorer counting =
        (context, candidates) -> {
          scored.addAll(candidates);
          return new double[candidates.size()];
        };

    new RetryPlanner(counting)
        .decide(
            afterFirstFailure(),
            RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1)),
            FIRST.plusSeconds(60));

    // The earliest allowed time and each whole hour after it up to the deadline, which is one;
    // then, for the look-ahead, each day's best hour after each other one (15 blocks of 24 hours);
    // then at most six 15-minute and four 5-minute neighbours of the chosen time.
    int hourly = 14 * 24 + 1;
    int pairs = 15 * 14 / 2;
    assertThat(scored).hasSizeBetween(hourly + pairs, hourly + pairs + 6 + 4);
    assertThat(scored.subList(0, hourly)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aLongerBudgetRetriesSoonerWhenEveryTimeIsAlike() {
    // Nothing is gained by waiting, and an early failure still leaves the rest of the window.
    RetryDecision decision =
        new RetryPlanner(peakAt(FIRST, 0.3, 0.3))
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(4, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    assertThat(decision.nextAttemptAt()).isEqualTo(FIRST.plus(Duration.ofHours(1)));
  }

  @Test
  void aFailureThatSpoilsTheNextDaysMovesTheFirstRetryLater() {
    // After a failed retry, no retry within 3 days can succeed. Retrying in the first hour (0.3)
    // would spoil the better time 3 days later; the look-ahead sees it because it scores the
    // times after a failure as the model would see them then.
    Instant better = FIRST.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(55));
    SuccessScorer spoiling =
        (context, candidates) -> {
          Instant previous = context.previousAttempt().attemptedAt();
          boolean afterRetry = context.attempts().size() > 1;
          double[] probabilities = new double[candidates.size()];
          for (int index = 0; index < probabilities.length; index++) {
            Instant at = candidates.get(index);
            boolean spoilt = afterRetry && at.isBefore(previous.plus(Duration.ofDays(3)));
            probabilities[index] = spoilt ? 0 : at.equals(better) ? 0.5 : 0.3;
          }
          return probabilities;
        };

    RetryDecision decision =
        new RetryPlanner(spoiling)
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(2, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    // Better then 3+ days on (0.5 + 0.5 * 0.3) beats now then 3 days on (0.3 + 0.7 * 0.5).
    assertThat(decision.nextAttemptAt()).isEqualTo(better);
  }

  @Test
  void anExplanationHoldsTheChosenTimeWithItsProbabilityAndTheFixedSchedulesTime() {
    Instant peak = FIRST.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(55));
    RetryPolicy policy = RetryPolicy.smart(4, Duration.ofDays(14), Duration.ofHours(1));
    RetryPlanner planner = new RetryPlanner(peakAt(peak, 0.6, 0.1));
    Instant asOf = FIRST.plusSeconds(60);

    ExplainedDecision explained = planner.explain(afterFirstFailure(), policy, asOf);

    RetryDecision decision = explained.decision();
    assertThat(decision).isEqualTo(planner.decide(afterFirstFailure(), policy, asOf));
    DecisionExplanation explanation = explained.explanation().orElseThrow();
    assertThat(explanation.candidates())
        .contains(
            new ScoredTime(decision.nextAttemptAt(), decision.successProbability().getAsDouble()))
        .isSortedAccordingTo(java.util.Comparator.comparing(ScoredTime::at))
        .allSatisfy(time -> assertThat(time.at()).isBetween(asOf, decision.deadline()))
        .hasSizeGreaterThan(10);
    // The spec's default fallback schedule retries a day after the first failure.
    assertThat(explanation.fixedSchedule())
        .contains(new ScoredTime(FIRST.plus(Duration.ofDays(1)), 0.1));
    // A scorer that cannot say what moved it names no inputs.
    assertThat(explanation.inputs()).isEmpty();
  }

  @Test
  void stopsAndFixedSchedulesAreNotExplained() {
    RetryPlanner planner = new RetryPlanner(peakAt(FIRST, 0.5, 0.5));
    RetryPolicy fixed =
        new RetryPolicy(
            RetryPolicy.Mode.FIXED,
            2,
            Duration.ofDays(14),
            Duration.ofHours(1),
            List.of(Duration.ofDays(2), Duration.ofDays(4)),
            Duration.ZERO);

    ExplainedDecision scheduled = planner.explain(afterFirstFailure(), fixed, FIRST);
    ExplainedDecision stopped =
        planner.explain(
            afterFirstFailure(),
            RetryPolicy.smart(2, Duration.ofDays(14), Duration.ofHours(1)),
            FIRST.plus(Duration.ofDays(15)));

    assertThat(scheduled.decision().reason()).isEqualTo(DecisionReason.FIXED_SCHEDULE);
    assertThat(scheduled.explanation()).isEmpty();
    assertThat(stopped.decision().reason()).isEqualTo(DecisionReason.DEADLINE_PASSED);
    assertThat(stopped.explanation()).isEmpty();
  }

  @Test
  void withoutAModelThePolicyScheduleIsTheFallback() {
    RetryDecision decision =
        new RetryPlanner(null)
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    assertThat(decision.reason()).isEqualTo(DecisionReason.FALLBACK);
    assertThat(decision.nextAttemptAt()).isEqualTo(FIRST.plus(Duration.ofDays(1)));
    assertThat(decision.successProbability()).isEmpty();
  }

  @Test
  void hardDeclineStops() {
    DecisionContext context =
        context(
            CardBrand.VISA,
            List.of(
                new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
                new PastAttempt(FIRST.plus(Duration.ofDays(1)), DeclineCode.STOLEN_CARD)));

    RetryDecision decision =
        new RetryPlanner(peakAt(FIRST, 1, 1))
            .decide(
                context,
                RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plus(Duration.ofDays(2)));

    assertThat(decision.isRetry()).isFalse();
    assertThat(decision.reason()).isEqualTo(DecisionReason.HARD_DECLINE);
  }

  @Test
  void mastercardAdviceCodeStops() {
    DecisionContext context =
        context(
            CardBrand.MASTERCARD,
            List.of(new PastAttempt(FIRST, DeclineCode.DO_NOT_HONOR, Optional.of("21"))));

    RetryDecision decision =
        new RetryPlanner(null)
            .decide(
                context,
                RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    assertThat(decision.reason()).isEqualTo(DecisionReason.HARD_DECLINE);
  }

  @ParameterizedTest(name = "advice code {0} waits {1}")
  @CsvSource({"24, PT1H", "25, PT24H", "26, P2D", "27, P4D", "28, P6D", "29, P8D", "30, P10D"})
  void adviceCodeOnThePreviousAttemptSetsTheLeastWait(String code, Duration wait) {
    Instant previous = FIRST.plus(Duration.ofHours(30));
    DecisionContext context =
        context(
            CardBrand.MASTERCARD,
            List.of(
                new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
                new PastAttempt(previous, DeclineCode.DO_NOT_HONOR, Optional.of(code))));
    RetryPolicy policy = RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofMinutes(5));

    RetryDecision smart =
        new RetryPlanner(peakAt(previous.plus(Duration.ofMinutes(10)), 0.9, 0.1))
            .decide(context, policy, previous.plusSeconds(60));
    RetryDecision fallback =
        new RetryPlanner(null).decide(context, policy, previous.plusSeconds(60));

    assertThat(smart.nextAttemptAt()).isAfterOrEqualTo(previous.plus(wait));
    assertThat(fallback.nextAttemptAt()).isAfterOrEqualTo(previous.plus(wait));
  }

  @Test
  void anAdviceCodeOnAnEarlierAttemptNoLongerBinds() {
    Instant second = FIRST.plus(Duration.ofHours(2));
    DecisionContext context =
        context(
            CardBrand.MASTERCARD,
            List.of(
                new PastAttempt(FIRST, DeclineCode.DO_NOT_HONOR, Optional.of("30")),
                new PastAttempt(second, DeclineCode.DO_NOT_HONOR)));
    // On the hourly grid, within the 30 days the earlier code would have asked to wait.
    Instant peak = Instant.parse("2026-03-01T20:00:00Z");

    RetryDecision decision =
        new RetryPlanner(peakAt(peak, 0.9, 0.1))
            .decide(
                context,
                RetryPolicy.smart(2, Duration.ofDays(14), Duration.ofHours(1)),
                second.plusSeconds(60));

    assertThat(decision.nextAttemptAt()).isEqualTo(peak);
  }

  @Test
  void anAdviceWaitPastTheDeadlineStops() {
    DecisionContext context =
        context(
            CardBrand.MASTERCARD,
            List.of(new PastAttempt(FIRST, DeclineCode.DO_NOT_HONOR, Optional.of("30"))));

    RetryDecision decision =
        new RetryPlanner(null)
            .decide(
                context,
                RetryPolicy.smart(8, Duration.ofDays(7), Duration.ofHours(1)),
                FIRST.plusSeconds(60));

    assertThat(decision.reason()).isEqualTo(DecisionReason.DEADLINE_PASSED);
  }

  @Test
  void noRetryWithinTheGracePeriod() {
    RetryPolicy graceful =
        new RetryPolicy(
            RetryPolicy.Mode.SMART,
            8,
            Duration.ofDays(14),
            Duration.ofHours(1),
            List.of(Duration.ofHours(2)),
            Duration.ofDays(3));

    RetryDecision smart =
        new RetryPlanner(peakAt(FIRST.plus(Duration.ofHours(2)), 0.9, 0.1))
            .decide(afterFirstFailure(), graceful, FIRST.plusSeconds(60));
    RetryDecision fallback =
        new RetryPlanner(null).decide(afterFirstFailure(), graceful, FIRST.plusSeconds(60));

    assertThat(smart.nextAttemptAt()).isAfterOrEqualTo(FIRST.plus(Duration.ofDays(3)));
    assertThat(fallback.nextAttemptAt()).isEqualTo(FIRST.plus(Duration.ofDays(3)));
  }

  @Test
  void budgetSpentStops() {
    DecisionContext context =
        context(
            CardBrand.VISA,
            List.of(
                new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS),
                new PastAttempt(FIRST.plus(Duration.ofDays(1)), DeclineCode.INSUFFICIENT_FUNDS)));

    RetryDecision decision =
        new RetryPlanner(null)
            .decide(
                context,
                RetryPolicy.smart(1, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plus(Duration.ofDays(2)));

    assertThat(decision.reason()).isEqualTo(DecisionReason.RETRIES_EXHAUSTED);
    assertThat(decision.retriesRemaining()).isZero();
  }

  @Test
  void pastTheDeadlineStops() {
    RetryDecision decision =
        new RetryPlanner(null)
            .decide(
                afterFirstFailure(),
                RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1)),
                FIRST.plus(Duration.ofDays(15)));

    assertThat(decision.reason()).isEqualTo(DecisionReason.DEADLINE_PASSED);
  }

  @Test
  void visaAllowsNoSixteenthRetryWithinThirtyDays() {
    List<PastAttempt> attempts = new ArrayList<>();
    for (int index = 0; index <= 15; index++) {
      attempts.add(
          new PastAttempt(
              FIRST.plus(Duration.ofHours(12L * index)), DeclineCode.INSUFFICIENT_FUNDS));
    }
    RetryPolicy policy = RetryPolicy.smart(25, Duration.ofDays(60), Duration.ofHours(1));

    RetryDecision decision =
        new RetryPlanner(peakAt(FIRST, 1, 0.5))
            .decide(context(CardBrand.VISA, attempts), policy, FIRST.plus(Duration.ofDays(8)));

    Instant firstRetry = attempts.get(1).attemptedAt();
    assertThat(decision.nextAttemptAt()).isAfter(firstRetry.plus(Duration.ofDays(30)));
  }
}
