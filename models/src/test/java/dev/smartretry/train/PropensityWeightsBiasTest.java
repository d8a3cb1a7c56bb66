package dev.smartretry.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import dev.smartretry.model.Calibration;
import dev.smartretry.model.SuccessModel;
import dev.smartretry.planner.Exploration;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.planner.SuccessScorer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bias that propensity weights remove (issue 13), on a small world made here. Customers come in
 * two segments the history does not record (as a billing system's {@code metadata}, which routes
 * invoices and so their retry times, is not in the attempts format): morning payers, whose retries
 * succeed with 0.5 from 06:00 to 11:59 local time and 0.1 otherwise, and evening payers, 0.5 from
 * 17:00 to 22:59. The history is logged by the real planner, exploit-heavy: it knows the segment
 * and times each retry at one of its segment's good hours, explored with ε = 0.2 (the service's
 * most) among the hourly candidates of a one-day window. Each of the segment's good hours is thus
 * rarely chosen for the other segment, and a model that cannot tell the segments apart learns that
 * the chosen hours pay 0.5, where, for the population, they pay 0.3.
 *
 * <p>The measure: for each local hour, the classifier's (XGBoost, uncalibrated) mean predicted
 * success over a day of candidate times, against the world's truth for the population (half of each
 * segment); the mean absolute error over the 24 hours. Weighted by the inverse selection
 * probability, the explored retries stand for the population and the error falls well below the
 * unweighted one. Every seed is fixed, so the figures are the same on every run; if the weights did
 * nothing, both errors would be equal and the test would fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropensityWeightsBiasTest {
  private static final long SEED = 20261130;
  private static final int INVOICES = 8_000;
  private static final double EXPLORATION = 0.2;
  private static final RetryPolicy POLICY =
      RetryPolicy.smart(1, Duration.ofDays(1), Duration.ofHours(1));
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("UTC");

  private final FeatureExtractor extractor = new FeatureExtractor();
  private final double[] truth = new double[24];
  private Fit unweighted;
  private Fit weighted;

  /** The world: the chance that a retry at local {@code hour} succeeds for the segment. */
  private static double success(int hour, boolean morningPayer) {
    boolean good = morningPayer ? hour >= 6 && hour <= 11 : hour >= 17 && hour <= 22;
    return good ? 0.5 : 0.1;
  }

  /** The logging policy's scorer for one invoice: its segment's favourite hour, nothing learned. */
  private static SuccessScorer favouring(int favourite) {
    return (context, candidates) ->
        candidates.stream().mapToDouble(at -> hour(at) == favourite ? 0.9 : 0.1).toArray();
  }

  private record Fit(double[] perHour, double meanAbsoluteError) {}

  @BeforeAll
  void logTrainAndMeasure() {
    for (int hour = 0; hour < 24; hour++) {
      truth[hour] = (success(hour, true) + success(hour, false)) / 2;
    }
    Random random = new Random(SEED);
    Exploration exploration = new Exploration(EXPLORATION, SEED);
    List<RetryExample> examples = new ArrayList<>(INVOICES);
    for (int index = 0; index < INVOICES; index++) {
      Invoice failed = failedInvoice("in_" + index, random);
      boolean morningPayer = random.nextBoolean();
      int favourite = (morningPayer ? 6 : 17) + random.nextInt(6);
      DecisionContext context = DecisionContext.beforeAttempt(failed, 1);
      RetryDecision decision =
          new RetryPlanner(favouring(favourite), exploration)
              .decide(context, POLICY, context.firstFailureAt(), failed.invoiceId());
      Instant at = decision.nextAttemptAt();
      boolean succeeded = random.nextDouble() < success(hour(at), morningPayer);
      Attempt retry =
          new Attempt(
              2,
              at,
              succeeded ? Outcome.SUCCEEDED : Outcome.FAILED,
              succeeded ? null : DeclineCode.INSUFFICIENT_FUNDS,
              OptionalInt.empty(),
              OptionalDouble.of(decision.selection().probability()));
      examples.addAll(RetryExample.of(withRetry(failed, retry), extractor));
    }
    unweighted = fit(examples, PropensityWeights.none(examples));
    weighted = fit(examples, PropensityWeights.of(examples));
    System.out.printf(
        "per-hour MAE against the population's truth: unweighted %.4f, weighted %.4f%n"
            + "truth      %s%nunweighted %s%nweighted   %s%n",
        unweighted.meanAbsoluteError(),
        weighted.meanAbsoluteError(),
        rounded(truth),
        rounded(unweighted.perHour()),
        rounded(weighted.perHour()));
  }

  @Test
  void unweightedTheModelTakesTheChosenHoursForWhatTheyPayTheSegmentTheyWereChosenFor() {
    // At the good hours the population pays 0.3; the logged retries there are nearly all of the
    // segment that pays 0.5.
    double chosenHours = 0;
    for (int hour : new int[] {6, 7, 8, 9, 10, 11, 17, 18, 19, 20, 21, 22}) {
      chosenHours += (unweighted.perHour()[hour] - truth[hour]) / 12;
    }
    assertThat(chosenHours)
        .as("the unweighted model's bias at the chosen hours")
        .isGreaterThan(0.1);
  }

  @Test
  void weightedByInverseSelectionProbabilityTheModelIsCloserToTheWorld() {
    // With this seed: 0.114 unweighted, 0.041 weighted. Over seeds 7, 99 and this one the weighted
    // error was 36 % to 56 % of the unweighted one and 0.04 to 0.07 lower: the bounds hold for all
    // of them, and no weighting that did nothing could meet either.
    assertThat(weighted.meanAbsoluteError())
        .isLessThan(0.65 * unweighted.meanAbsoluteError())
        .isLessThan(unweighted.meanAbsoluteError() - 0.03);
  }

  private Fit fit(List<RetryExample> examples, PropensityWeights weights) {
    SuccessModel model =
        new SuccessModel(
            Algorithm.XGBOOST.trainer(SEED, 2).train(ModelTraining.dataset(examples, weights, "")),
            Calibration.identity());
    // The model sees nothing but time: every invoice looks alike. A day of whole hours after
    // the earliest retry of a few failures spread over a week, so that no weekday stands alone.
    double[] perHour = new double[24];
    Random random = new Random(SEED + 1);
    int contexts = 28;
    for (int index = 0; index < contexts; index++) {
      DecisionContext context =
          DecisionContext.beforeAttempt(failedInvoice("in_eval_" + index, random), 1);
      Instant earliest = context.firstFailureAt().plus(POLICY.minInterval());
      List<Instant> hours = new ArrayList<>(24);
      for (int offset = 1; offset <= 24; offset++) {
        hours.add(earliest.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(offset)));
      }
      double[] probabilities = model.probabilities(context, hours);
      for (int at = 0; at < hours.size(); at++) {
        perHour[hour(hours.get(at))] += probabilities[at] / contexts;
      }
    }
    double error = 0;
    for (int hour = 0; hour < 24; hour++) {
      error += Math.abs(perHour[hour] - truth[hour]) / 24;
    }
    return new Fit(perHour, error);
  }

  private static Invoice failedInvoice(String id, Random random) {
    Instant first = START.plusSeconds(random.nextInt(60 * 86_400));
    return invoice(
        id,
        List.of(
            new Attempt(
                1, first, Outcome.FAILED, DeclineCode.INSUFFICIENT_FUNDS, OptionalInt.empty())));
  }

  private static Invoice withRetry(Invoice failed, Attempt retry) {
    return invoice(failed.invoiceId(), List.of(failed.attempts().get(0), retry));
  }

  private static Invoice invoice(String id, List<Attempt> attempts) {
    return new Invoice(
        id,
        "cus_" + id,
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZONE,
        OptionalInt.of(200),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.empty()),
        attempts);
  }

  private static int hour(Instant at) {
    return ZonedDateTime.ofInstant(at, ZONE).getHour();
  }

  private static String rounded(double[] values) {
    return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray());
  }
}
