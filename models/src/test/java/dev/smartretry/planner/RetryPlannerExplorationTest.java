package dev.smartretry.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The exploration share: how often, where to, with what recorded probability, and reproducibly. */
class RetryPlannerExplorationTest {
  private static final Instant FIRST = Instant.parse("2026-03-01T14:05:00Z");
  private static final Instant AS_OF = FIRST.plusSeconds(60);
  // One retry left: the planner's best is the peak itself, not an earlier try before it.
  private static final RetryPolicy POLICY =
      RetryPolicy.smart(1, Duration.ofDays(14), Duration.ofHours(1));
  // The window: the min interval after the first failure, to the deadline.
  private static final Instant EARLIEST = FIRST.plus(Duration.ofHours(1));
  private static final Instant DEADLINE = FIRST.plus(Duration.ofDays(14));
  // One peak, on a quarter hour: the planner's best is off the hourly grid exploration draws from.
  private static final Instant PEAK = FIRST.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(10));

  private static final SuccessScorer PEAKED =
      (context, candidates) ->
          candidates.stream().mapToDouble(RetryPlannerExplorationTest::p).toArray();

  /** 0.6 at the peak, falling off by the hour to 0.1: the grid finds it, the refinement hits it. */
  private static double p(Instant at) {
    double hours = Math.abs(Duration.between(PEAK, at).toSeconds()) / 3600.0;
    return 0.1 + 0.5 * Math.exp(-hours);
  }

  private static DecisionContext context() {
    return new DecisionContext(
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of("Europe/Paris"),
        OptionalInt.of(100),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.empty()),
        List.of(new PastAttempt(FIRST, DeclineCode.INSUFFICIENT_FUNDS)),
        OptionalInt.of(1));
  }

  /** The hourly candidates, counted here from the rule, not taken from the planner. */
  private static int candidates() {
    Instant firstWholeHour = EARLIEST.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Instant lastWholeHour = DEADLINE.truncatedTo(ChronoUnit.HOURS);
    long wholeHours = Duration.between(firstWholeHour, lastWholeHour).toHours() + 1;
    // The earliest and the deadline themselves, neither on a whole hour here.
    return (int) wholeHours + 2;
  }

  @Test
  void aShareOfDecisionsIsExploredWithItsExactProbability() {
    double share = 0.2;
    RetryPlanner planner = new RetryPlanner(PEAKED, new Exploration(share, 7));
    int count = candidates();
    int explored = 0;
    int decisions = 4_000;
    for (int invoice = 0; invoice < decisions; invoice++) {
      RetryDecision decision = planner.decide(context(), POLICY, AS_OF, "in_" + invoice);
      if (decision.selection().explored()) {
        explored++;
        Instant at = decision.nextAttemptAt();
        assertThat(at).isBetween(EARLIEST, DEADLINE);
        assertThat(at.equals(EARLIEST) || at.equals(DEADLINE) || at.getEpochSecond() % 3600 == 0)
            .as("%s is an hourly candidate", at)
            .isTrue();
        assertThat(decision.selection().probability()).isCloseTo(share / count, within(1e-15));
        assertThat(decision.successProbability().getAsDouble()).isEqualTo(p(at));
      } else {
        assertThat(decision.nextAttemptAt()).isEqualTo(PEAK);
        // The peak is off the grid: no draw can land on it.
        assertThat(decision.selection().probability()).isCloseTo(1 - share, within(1e-15));
      }
      assertThat(decision.reason()).isEqualTo(DecisionReason.MODEL_OPTIMUM);
    }
    // Binomial(4000, 0.2): a standard deviation of 25; 5 of them either way cannot happen by
    // chance.
    assertThat(explored).isBetween(800 - 125, 800 + 125);
  }

  @Test
  void explorationDrawsEveryCandidateAlike() {
    RetryPlanner planner = new RetryPlanner(PEAKED, new Exploration(1, 11));
    int count = candidates();
    long[] perDay = new long[14];
    int decisions = 14_000;
    for (int invoice = 0; invoice < decisions; invoice++) {
      RetryDecision decision = planner.decide(context(), POLICY, AS_OF, "in_uniform_" + invoice);
      assertThat(decision.selection().explored()).isTrue();
      assertThat(decision.selection().probability()).isCloseTo(1.0 / count, within(1e-15));
      int day = (int) Duration.between(FIRST, decision.nextAttemptAt()).toDays();
      perDay[Math.min(day, 13)]++;
    }
    // About 1,000 a day (24 of the 337 candidates); a binomial's sd is about 31.
    for (long drawn : perDay) {
      assertThat(drawn)
          .isBetween(1_000L * count / (24 * 14) - 160, 1_000L * count / (24 * 14) + 160);
    }
  }

  @Test
  void theSameRetryDecidedAgainDrawsTheSame() {
    RetryPlanner planner = new RetryPlanner(PEAKED, new Exploration(0.5, 3));
    RetryPlanner otherSeed = new RetryPlanner(PEAKED, new Exploration(0.5, 4));
    int differ = 0;
    for (int invoice = 0; invoice < 200; invoice++) {
      String id = "in_again_" + invoice;
      RetryDecision first = planner.decide(context(), POLICY, AS_OF, id);
      assertThat(
              new RetryPlanner(PEAKED, new Exploration(0.5, 3))
                  .decide(context(), POLICY, AS_OF, id))
          .isEqualTo(first);
      if (!otherSeed.decide(context(), POLICY, AS_OF, id).equals(first)) {
        differ++;
      }
    }
    assertThat(differ).as("another seed draws other invoices").isGreaterThan(50);
  }

  @Test
  void withoutAnInvoiceOrAModelNothingIsExplored() {
    RetryPlanner always = new RetryPlanner(PEAKED, new Exploration(1, 1));
    RetryDecision unnamed = always.decide(context(), POLICY, AS_OF);
    assertThat(unnamed.nextAttemptAt()).isEqualTo(PEAK);
    assertThat(unnamed.selection()).isEqualTo(Selection.CERTAIN);

    RetryDecision fallback =
        new RetryPlanner(null, new Exploration(1, 1)).decide(context(), POLICY, AS_OF, "in_1");
    assertThat(fallback.reason()).isEqualTo(DecisionReason.FALLBACK);
    assertThat(fallback.selection()).isEqualTo(Selection.CERTAIN);

    RetryDecision fixed =
        always.decide(context(), POLICY.withMode(RetryPolicy.Mode.FIXED), AS_OF, "in_1");
    assertThat(fixed.reason()).isEqualTo(DecisionReason.FIXED_SCHEDULE);
    assertThat(fixed.selection()).isEqualTo(Selection.CERTAIN);
  }

  @Test
  void anExplanationSaysTheTimeWasExploredAndWhatItPassedOver() {
    RetryPlanner always = new RetryPlanner(PEAKED, new Exploration(1, 1));
    ExplainedDecision explained = always.explain(context(), POLICY, AS_OF, "in_explained");
    DecisionExplanation explanation = explained.explanation().orElseThrow();
    assertThat(explanation.explored()).isTrue();
    assertThat(explanation.selection()).isEqualTo(explained.decision().selection());
    assertThat(explanation.forgone()).contains(new ScoredTime(PEAK, 0.6));
    Instant explored = explained.decision().nextAttemptAt();
    assertThat(explanation.candidates()).contains(new ScoredTime(explored, p(explored)));
    assertThat(always.decide(context(), POLICY, AS_OF, "in_explained"))
        .as("explaining changes nothing")
        .isEqualTo(explained.decision());

    DecisionExplanation best =
        new RetryPlanner(PEAKED).explain(context(), POLICY, AS_OF).explanation().orElseThrow();
    assertThat(best.explored()).isFalse();
    assertThat(best.forgone()).isEmpty();
  }
}
