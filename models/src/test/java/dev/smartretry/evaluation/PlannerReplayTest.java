package dev.smartretry.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import dev.smartretry.planner.DecisionReason;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.planner.SuccessScorer;
import dev.smartretry.scoring.WilsonInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The replay on a history small enough to work out by hand. The model likes one hour of the day,
 * 10:00 to 11:00 UTC, and nothing else: the planner, asked at 08:01 after a failure at 08:00, waits
 * the policy's hour and then takes 10:00 the same day, the earliest of equally good days. The
 * customers live in Tonga (UTC+13, no summer time), where 10:00 UTC is 23:00, an hour before their
 * midnight.
 */
class PlannerReplayTest {
  private static final ZoneId TONGA = ZoneId.of("Pacific/Tongatapu");
  private static final Duration TOLERANCE = Duration.ofHours(2);
  private static final ReplaySettings SETTINGS =
      new ReplaySettings(RetryPolicy.smart(3, Duration.ofDays(14), Duration.ofHours(1)), TOLERANCE);

  /** 0.9 from 10:00 to 11:00 UTC, 0.05 at any other time, whatever is known. */
  private static final SuccessScorer TEN_UTC =
      (context, candidates) -> {
        double[] probabilities = new double[candidates.size()];
        for (int index = 0; index < probabilities.length; index++) {
          probabilities[index] =
              candidates.get(index).atZone(ZoneOffset.UTC).getHour() == 10 ? 0.9 : 0.05;
        }
        return probabilities;
      };

  private static final PlannerReplay REPLAY = new PlannerReplay(TEN_UTC, SETTINGS);

  /**
   * Six invoices, seven logged retries. The planner's times and whether each logged retry matches
   * them (within 2 hours, same day in Tonga):
   *
   * <pre>
   * A  fails 03-02 08:00  retry 03-02 11:30 succeeds  planner 03-02 10:00  1.5 h, but 00:30 the next
   *                                                                       day in Tonga: no match
   * B  fails 03-02 08:00  retry 03-02 08:30 fails     planner 03-02 10:00  1.5 h, same day: match
   *                       retry 03-04 10:45 succeeds  planner 03-02 10:00  2 days: no match
   * C  fails 03-05 12:00  retry 03-06 09:00 succeeds  planner 03-06 10:00  1 h: match
   * D  stolen card 03-05  retry 03-06 10:00 fails     planner stops (hard decline): no match
   * E  fails 03-05 12:00, never retried: no decision point
   * F  fails 03-09 08:00  retry 03-09 09:00 fails     planner 03-09 10:00  1 h: match
   *                       retry 03-09 10:30 succeeds  planner 03-09 10:00  0.5 h: match
   * </pre>
   */
  private static final List<Invoice> HISTORY =
      List.of(
          invoice(
              "A",
              failed("2026-03-02T08:00:00Z", DeclineCode.INSUFFICIENT_FUNDS),
              succeeded("2026-03-02T11:30:00Z")),
          invoice(
              "B",
              failed("2026-03-02T08:00:00Z", DeclineCode.INSUFFICIENT_FUNDS),
              failed("2026-03-02T08:30:00Z", DeclineCode.INSUFFICIENT_FUNDS),
              succeeded("2026-03-04T10:45:00Z")),
          invoice(
              "C",
              failed("2026-03-05T12:00:00Z", DeclineCode.DO_NOT_HONOR),
              succeeded("2026-03-06T09:00:00Z")),
          invoice(
              "D",
              failed("2026-03-05T12:00:00Z", DeclineCode.STOLEN_CARD),
              failed("2026-03-06T10:00:00Z", DeclineCode.STOLEN_CARD)),
          invoice("E", failed("2026-03-05T12:00:00Z", DeclineCode.GENERIC_DECLINE)),
          invoice(
              "F",
              failed("2026-03-09T08:00:00Z", DeclineCode.GENERIC_DECLINE),
              failed("2026-03-09T09:00:00Z", DeclineCode.GENERIC_DECLINE),
              succeeded("2026-03-09T10:30:00Z")));

  @Test
  void eachLoggedRetryIsADecisionPointAskedWithWhatWasKnownThen() {
    List<ReplayedDecision> b = REPLAY.replay(HISTORY.get(1));

    assertThat(b)
        .containsExactly(
            new ReplayedDecision(
                1,
                Instant.parse("2026-03-02T08:00:00Z"),
                Instant.parse("2026-03-02T08:30:00Z"),
                false,
                Instant.parse("2026-03-02T10:00:00Z"),
                DecisionReason.MODEL_OPTIMUM,
                true),
            // Asked after the failure at 08:30, not where the history went next.
            new ReplayedDecision(
                2,
                Instant.parse("2026-03-02T08:30:00Z"),
                Instant.parse("2026-03-04T10:45:00Z"),
                true,
                Instant.parse("2026-03-02T10:00:00Z"),
                DecisionReason.MODEL_OPTIMUM,
                false));
    assertThat(REPLAY.replay(HISTORY.get(3)))
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.plannerStopped()).isTrue();
              assertThat(decision.reason()).isEqualTo(DecisionReason.HARD_DECLINE);
              assertThat(decision.matched()).isFalse();
            });
    assertThat(REPLAY.replay(HISTORY.get(4))).isEmpty();
  }

  @Test
  void theReplayCountsMatchedRetriesAndTheirSuccessesAsWorkedOutByHand() {
    ReplayReport report = REPLAY.replay(HISTORY);

    assertThat(report.invoices()).isEqualTo(6);
    assertThat(report.decisionPoints()).isEqualTo(7);
    assertThat(report.plannerStops()).isEqualTo(1);
    // B1, C1, F1, F2.
    assertThat(report.matched()).isEqualTo(4);
    assertThat(report.matchRate()).isCloseTo(4 / 7.0, within(1e-12));
    // C1 and F2.
    assertThat(report.matchedSuccesses()).isEqualTo(2);
    assertThat(report.matchedSuccessRate()).isEqualTo(0.5);
    // Wilson's interval of 2 of 4.
    assertThat(report.matchedSuccessInterval().low()).isCloseTo(0.1500, within(1e-4));
    assertThat(report.matchedSuccessInterval().high()).isCloseTo(0.8500, within(1e-4));
    // The logged delays after the failed attempt, sorted: 0.5, 1, 1.5, 3.5, 21, 22 and 50.25
    // hours. B1 and F1 (planned 2 h after the failure) match delays up to 3 h less a second
    // (Tonga's
    // midnight), F2 (planned 1 h after) up to 2 h less a second: 3 of 7 each. C1 (planned 22 h
    // after) matches 20 to 23 h less a second: 21 and 22 h, 2 of 7. Weights 7/3 for B1, F1 and F2,
    // 7/2 for C1; successes C1 and F2: (7/2 + 7/3) / (3 × 7/3 + 7/2) = 5/9.
    assertThat(report.weightedSuccessRate()).isCloseTo(5 / 9.0, within(1e-12));
    // (Σw)² / Σw² = (21/2)² / (3 × (7/3)² + (7/2)²) = 27/7.
    assertThat(report.effectiveMatched()).isCloseTo(27 / 7.0, within(1e-12));
    assertThat(report.weightedSuccessInterval())
        .isEqualTo(WilsonInterval.ofRate(5 / 9.0, 27 / 7.0));
    // A1, B2, C1 and F2: the history's own rate.
    assertThat(report.loggedSuccesses()).isEqualTo(4);
    assertThat(report.loggedSuccessRate()).isCloseTo(4 / 7.0, within(1e-12));
    assertThat(report.recoveredInvoices()).isEqualTo(4);
    // C and F matched throughout; B's recovery came where the planner would have been two days
    // earlier, and A's across Tonga's midnight.
    assertThat(report.wouldHaveRecovered()).isEqualTo(2);
    assertThat(report.maxRetries()).isEqualTo(3);
    assertThat(Duration.parse(report.maxDuration())).isEqualTo(Duration.ofDays(14));
    assertThat(Duration.parse(report.minInterval())).isEqualTo(Duration.ofHours(1));
    assertThat(Duration.parse(report.tolerance())).isEqualTo(TOLERANCE);
  }

  @Test
  void aWiderToleranceMatchesWhatANarrowerOneRejected() {
    // Three hours take B's retry at 11:30 (1.5 h) and F's second; one hour loses B1 (1.5 h) and
    // keeps C1 (1 h, the bound included), F1 (1 h) and F2 (0.5 h).
    ReplayReport oneHour =
        new PlannerReplay(TEN_UTC, new ReplaySettings(SETTINGS.policy(), Duration.ofHours(1)))
            .replay(HISTORY);

    assertThat(oneHour.matched()).isEqualTo(3);
    assertThat(oneHour.matchedSuccesses()).isEqualTo(2);
    assertThat(oneHour.wouldHaveRecovered()).isEqualTo(2);
  }

  @Test
  void aMatchIsWithinTheToleranceEitherWayOnTheSameLocalDay() {
    Instant planned = Instant.parse("2026-03-02T10:00:00Z");
    ZoneId utc = ZoneOffset.UTC;

    assertThat(PlannerReplay.matches(planned, planned.plus(TOLERANCE), utc, TOLERANCE)).isTrue();
    assertThat(PlannerReplay.matches(planned, planned.minus(TOLERANCE), utc, TOLERANCE)).isTrue();
    assertThat(
            PlannerReplay.matches(planned, planned.plus(TOLERANCE).plusSeconds(1), utc, TOLERANCE))
        .isFalse();
    // 10:00 UTC is 23:00 in Tonga: two hours later is the next day there, not in UTC.
    assertThat(PlannerReplay.matches(planned, planned.plus(TOLERANCE), TONGA, TOLERANCE)).isFalse();
    assertThat(PlannerReplay.matches(planned, planned.minus(TOLERANCE), TONGA, TOLERANCE)).isTrue();
  }

  @Test
  void aHistoryLongerThanAChunkIsCountedWhole() {
    // 100 copies of the six invoices: 600, over two full chunks and a part one.
    List<Invoice> history = new ArrayList<>();
    for (int copy = 0; copy < 100; copy++) {
      HISTORY.forEach(invoice -> history.add(invoice));
    }
    assertThat(history.size()).isGreaterThan(2 * PlannerReplay.CHUNK);

    ReplayReport report = REPLAY.replay(history);

    assertThat(report.invoices()).isEqualTo(600);
    assertThat(report.decisionPoints()).isEqualTo(700);
    assertThat(report.matched()).isEqualTo(400);
    assertThat(report.matchedSuccesses()).isEqualTo(200);
    assertThat(report.wouldHaveRecovered()).isEqualTo(200);
    // Each delay's share of the history is as in one copy, so are the weights.
    assertThat(report.weightedSuccessRate()).isCloseTo(5 / 9.0, within(1e-12));
  }

  private static Invoice invoice(String id, Attempt... attempts) {
    List<Attempt> numbered = new ArrayList<>();
    for (Attempt attempt : attempts) {
      numbered.add(
          new Attempt(
              numbered.size() + 1,
              attempt.attemptedAt(),
              attempt.outcome(),
              attempt.declineCode(),
              attempt.devices24h()));
    }
    return new Invoice(
        "in_" + id,
        "cus_" + id,
        2_500,
        "TOP",
        BillingInterval.MONTH,
        TONGA,
        OptionalInt.of(400),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "TO", Optional.of("iss_TO_001")),
        numbered);
  }

  private static Attempt failed(String at, DeclineCode code) {
    return new Attempt(1, Instant.parse(at), Outcome.FAILED, code, OptionalInt.of(1));
  }

  private static Attempt succeeded(String at) {
    return new Attempt(1, Instant.parse(at), Outcome.SUCCEEDED, null, OptionalInt.of(1));
  }
}
