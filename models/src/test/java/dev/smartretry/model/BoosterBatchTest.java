package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The XGBoost fast path ({@link BoosterBatch}) must score exactly what Tribuo's own prediction
 * scores, whatever the vectors hold: the planner and training both go through it.
 */
class BoosterBatchTest {
  /** float32 inside XGBoost: the two paths may only differ below that. */
  private static final double TOLERANCE = 1e-6;

  private static final int VECTORS = 3_000;

  private final FeatureExtractor extractor = new FeatureExtractor();
  private final SuccessModel xgboost =
      new SuccessModel(TinyModels.xgboost(), TinyModels.xgboostCalibration());
  private final SuccessModel logistic =
      new SuccessModel(TinyModels.logistic(), TinyModels.logisticCalibration());

  /** The context with every optional field unknown: no issuer, no tenure, no devices. */
  private static DecisionContext nothingOptionalKnown(DecisionContext context) {
    Card card = context.card();
    return new DecisionContext(
        context.amountMinor(),
        context.currency(),
        context.billingInterval(),
        context.timezone(),
        OptionalInt.empty(),
        new Card(card.brand(), card.funding(), card.country(), Optional.empty()),
        context.attempts(),
        OptionalInt.empty());
  }

  /**
   * The context moved somewhere the synthetic world never trained on: a country, currency, issuer,
   * brand, funding and decline code whose one-hot names the model has never seen.
   */
  private static DecisionContext unseenInTraining(DecisionContext context) {
    List<PastAttempt> attempts = new ArrayList<>(context.attempts());
    PastAttempt last = attempts.remove(attempts.size() - 1);
    attempts.add(new PastAttempt(last.attemptedAt(), DeclineCode.CALL_ISSUER));
    return new DecisionContext(
        context.amountMinor(),
        "BRL",
        BillingInterval.ONE_OFF,
        ZoneId.of("America/Sao_Paulo"),
        context.customerTenureDays(),
        new Card(CardBrand.DISCOVER, CardFunding.UNKNOWN, "BR", Optional.of("iss_999")),
        attempts,
        context.lastDevices24h());
  }

  /** Ordinary, all-optional-unknown and unseen vectors, a third each, at random candidates. */
  private List<FeatureVector> mixedVectors(int count, long seed) {
    Random random = new Random(seed);
    List<FeatureVector> vectors = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      DecisionContext context = TinyModels.randomContext(random);
      DecisionContext variant =
          switch (index % 3) {
            case 0 -> context;
            case 1 -> nothingOptionalKnown(context);
            default -> unseenInTraining(context);
          };
      vectors.add(extractor.features(variant, TinyModels.randomCandidate(variant, random)));
    }
    return vectors;
  }

  private static void assertMatchesTribuo(SuccessModel model, List<FeatureVector> vectors) {
    double[] fast = model.rawScores(vectors);
    double[] tribuo = model.tribuoRawScores(vectors);

    assertThat(fast).hasSameSizeAs(tribuo);
    for (int index = 0; index < fast.length; index++) {
      assertThat(fast[index])
          .as("vector %d: %s", index, vectors.get(index))
          .isCloseTo(tribuo[index], within(TOLERANCE));
    }
  }

  @Test
  void onlyASingleBoosterXgboostClassifierTakesTheFastPath() {
    assertThat(BoosterBatch.of(TinyModels.xgboost())).isNotNull();
    assertThat(BoosterBatch.of(TinyModels.logistic())).isNull();
  }

  @Test
  void fastPathScoresThousandsOfVectorsAsTribuoDoes() {
    List<FeatureVector> vectors = mixedVectors(VECTORS, TinyModels.SEED + 20);
    // The mix really holds what it claims, or the comparison below proves less than it says.
    assertThat(vectors).anyMatch(v -> v.value("issuer_missing") == 1);
    assertThat(vectors).anyMatch(v -> v.value("tenure_missing") == 1);
    assertThat(vectors).anyMatch(v -> v.value("devices_missing") == 1);
    assertThat(vectors).anyMatch(v -> v.value("country=BR") == 1);
    assertThat(vectors).anyMatch(v -> v.value("issuer=iss_999") == 1);
    assertThat(vectors).anyMatch(v -> v.value("previous_code=call_issuer") == 1);
    assertThat(vectors).anyMatch(v -> v.value("devices_24h") == 0);
    assertThat(vectors).anyMatch(v -> v.value("hours_since_previous_log") == 0);

    assertMatchesTribuo(xgboost, vectors);
    // A constant would match nothing above, but make sure the model really discriminates.
    assertThat(Arrays.stream(xgboost.rawScores(vectors)).distinct().count()).isGreaterThan(100);
  }

  @Test
  void unseenNamesAreDroppedNotMisread() {
    // An unseen name must change nothing: the vector scores as if the name were not there.
    DecisionContext context = TinyModels.randomContext(new Random(TinyModels.SEED + 21));
    FeatureVector seen =
        extractor.features(context, context.previousAttempt().attemptedAt().plusSeconds(86_400));
    String[] names = Arrays.copyOf(seen.names(), seen.size() + 3);
    double[] values = Arrays.copyOf(seen.values(), seen.size() + 3);
    names[seen.size()] = "country=ZZ";
    names[seen.size() + 1] = "a_feature_from_the_future";
    names[seen.size() + 2] = "issuer=iss_unknown";
    Arrays.fill(values, seen.size(), values.length, 7.5);
    FeatureVector withUnseen = new FeatureVector(names, values);

    double[] scores = xgboost.rawScores(List.of(seen, withUnseen));

    assertThat(scores[1]).isEqualTo(scores[0]);
    assertMatchesTribuo(xgboost, List.of(seen, withUnseen));
  }

  @Test
  void featureOrderDoesNotMatter() {
    // Tribuo sorts an example's features; the fast path must not depend on the vector's order.
    List<FeatureVector> vectors = mixedVectors(300, TinyModels.SEED + 22);
    List<FeatureVector> reversed = new ArrayList<>();
    for (FeatureVector vector : vectors) {
      String[] names = vector.names().clone();
      double[] values = vector.values().clone();
      for (int low = 0, high = names.length - 1; low < high; low++, high--) {
        String name = names[low];
        names[low] = names[high];
        names[high] = name;
        double value = values[low];
        values[low] = values[high];
        values[high] = value;
      }
      reversed.add(new FeatureVector(names, values));
    }

    assertThat(xgboost.rawScores(reversed)).containsExactly(xgboost.rawScores(vectors));
    assertMatchesTribuo(xgboost, reversed);
  }

  @Test
  void aVectorScoresTheSameAloneAsInABatch() {
    // Rows of different lengths in one matrix: a wrong row offset would shift every later score.
    List<FeatureVector> vectors = mixedVectors(200, TinyModels.SEED + 23);

    double[] batch = xgboost.rawScores(vectors);

    for (int index = 0; index < vectors.size(); index++) {
      assertThat(xgboost.rawScores(List.of(vectors.get(index)))).containsExactly(batch[index]);
    }
  }

  @Test
  void logisticScoresAreTribuos() {
    List<FeatureVector> vectors = mixedVectors(VECTORS, TinyModels.SEED + 24);

    assertMatchesTribuo(logistic, vectors);
  }

  @Test
  void probabilitiesAreTheCalibratedTribuoScores() {
    Random random = new Random(TinyModels.SEED + 25);
    for (SuccessModel model : List.of(xgboost, logistic)) {
      // A calibration that changed nothing would make this test blind to it.
      assertThat(model.calibration()).isNotEqualTo(Calibration.identity());
      for (int index = 0; index < 6; index++) {
        DecisionContext context = TinyModels.randomContext(random);
        DecisionContext variant =
            index % 3 == 0
                ? context
                : index % 3 == 1 ? nothingOptionalKnown(context) : unseenInTraining(context);
        ContextFeatures features = extractor.context(variant);
        List<Instant> candidates = new ArrayList<>();
        List<FeatureVector> vectors = new ArrayList<>();
        for (int hour = 0; hour < 14 * 24; hour++) {
          Instant candidate =
              variant.previousAttempt().attemptedAt().plus(Duration.ofMinutes(60L * hour + 7));
          candidates.add(candidate);
          vectors.add(extractor.at(features, candidate));
        }

        double[] probabilities = model.probabilities(features, candidates);
        double[] tribuo = model.tribuoRawScores(vectors);

        assertThat(probabilities).hasSize(candidates.size());
        for (int at = 0; at < tribuo.length; at++) {
          double expected = model.calibration().apply(tribuo[at]);
          assertThat(probabilities[at]).isCloseTo(expected, within(TOLERANCE));
          // The one-vector path agrees with the batch.
          assertThat(model.probability(vectors.get(at))).isCloseTo(expected, within(TOLERANCE));
        }
      }
    }
  }
}
