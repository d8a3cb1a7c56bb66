package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved reference model and the predictions it must keep making, as Tribuo keeps saved models of
 * older versions in its tests: if feature computation, calibration or loading changes, a model
 * trained before the change no longer means what it did, and this test says so.
 *
 * <p>The resources, under {@code src/test/resources/dev/smartretry/}:
 *
 * <ul>
 *   <li>{@code reference-model/}: a model directory as {@link ModelDirectory#write} writes it:
 *       {@link TinyModels}' XGBoost classifier ({@value TinyModels#TREES} rounds, depth {@value
 *       TinyModels#TREE_DEPTH}), its isotonic calibration fitted on held-out synthetic examples,
 *       and the recovery-time regression;
 *   <li>{@code reference-predictions.json}: for each case of {@link #CASES} (a fixed decision
 *       context, built below) and each of its {@link #OFFSETS} after the previous attempt: the
 *       candidate's raw score, its calibrated probability and its features (the case's {@code
 *       context_features} plus the candidate's {@code time_features}); and per case the recovery
 *       model's features and expected hours. All are computed through the loaded directory.
 * </ul>
 *
 * <p>The expected values are only ever written by this class; to regenerate both resources after a
 * deliberate change (a new feature version, a new model format), run from the repository root:
 *
 * <pre>
 * mvn -q -B -o -pl models test -Dtest=ReferenceModelTest -Dregenerate.reference=true
 * </pre>
 *
 * <p>then run the module's tests again (they read the copies under {@code target/test-classes}) and
 * commit the changed resources with the change that needed them. Regenerating retrains: Tribuo's
 * provenance records the training time, so the model files and the model version change even when
 * the predictions do not. Never regenerate to make this test pass after an unintended change.
 */
class ReferenceModelTest {
  /** Where the resources live on the classpath. */
  static final String MODEL_RESOURCE = "dev/smartretry/reference-model/";

  static final String PREDICTIONS_RESOURCE = "dev/smartretry/reference-predictions.json";

  private static final String REGENERATE = "regenerate.reference";
  private static final double TOLERANCE = 1e-7;

  // Features are plain double arithmetic; Math.sin may differ in the last bit between JVMs.
  private static final double FEATURE_TOLERANCE = 1e-12;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One reference decision: a speaking name and the context it stands for. */
  record Case(String name, DecisionContext context) {}

  /** Candidate times, after each case's previous attempt: soon, overnight, and days later. */
  static final List<Duration> OFFSETS =
      List.of(
          Duration.ofHours(2),
          Duration.ofHours(13).plusMinutes(30),
          Duration.ofHours(31),
          Duration.ofHours(73).plusMinutes(15),
          Duration.ofHours(164));

  private static PastAttempt failed(String at, DeclineCode code) {
    return new PastAttempt(Instant.parse(at), code);
  }

  private static DecisionContext context(
      String country,
      String zone,
      String currency,
      long amountMinor,
      BillingInterval interval,
      OptionalInt tenureDays,
      CardBrand brand,
      CardFunding funding,
      Optional<String> issuer,
      OptionalInt devices,
      PastAttempt... attempts) {
    return new DecisionContext(
        amountMinor,
        currency,
        interval,
        ZoneId.of(zone),
        tenureDays,
        new Card(brand, funding, country, issuer),
        List.of(attempts),
        devices);
  }

  /** Ten decisions covering each kind of input the features distinguish. */
  static final List<Case> CASES =
      List.of(
          new Case(
              "paris_visa_debit_insufficient_funds_first_retry",
              context(
                  "FR",
                  "Europe/Paris",
                  "EUR",
                  4_900,
                  BillingInterval.MONTH,
                  OptionalInt.of(400),
                  CardBrand.VISA,
                  CardFunding.DEBIT,
                  Optional.of("iss_001"),
                  OptionalInt.of(1),
                  failed("2026-03-01T14:05:00Z", DeclineCode.INSUFFICIENT_FUNDS))),
          new Case(
              "paris_visa_debit_third_retry_after_do_not_honor",
              context(
                  "FR",
                  "Europe/Paris",
                  "EUR",
                  4_900,
                  BillingInterval.MONTH,
                  OptionalInt.of(400),
                  CardBrand.VISA,
                  CardFunding.DEBIT,
                  Optional.of("iss_001"),
                  OptionalInt.of(2),
                  failed("2026-03-01T14:05:00Z", DeclineCode.INSUFFICIENT_FUNDS),
                  failed("2026-03-02T09:00:00Z", DeclineCode.DO_NOT_HONOR),
                  failed("2026-03-03T20:30:00Z", DeclineCode.DO_NOT_HONOR))),
          new Case(
              "new_york_mastercard_credit_processing_error",
              context(
                  "US",
                  "America/New_York",
                  "USD",
                  1_999,
                  BillingInterval.MONTH,
                  OptionalInt.of(30),
                  CardBrand.MASTERCARD,
                  CardFunding.CREDIT,
                  Optional.of("iss_007"),
                  OptionalInt.of(2),
                  failed("2026-05-14T16:20:00Z", DeclineCode.PROCESSING_ERROR))),
          new Case(
              "tokyo_amex_yearly_try_again_later_then_generic",
              context(
                  "JP",
                  "Asia/Tokyo",
                  "JPY",
                  120_000,
                  BillingInterval.YEAR,
                  OptionalInt.of(1_500),
                  CardBrand.AMEX,
                  CardFunding.CREDIT,
                  Optional.of("iss_011"),
                  OptionalInt.of(3),
                  failed("2026-07-30T03:00:00Z", DeclineCode.TRY_AGAIN_LATER),
                  failed("2026-07-31T01:00:00Z", DeclineCode.GENERIC_DECLINE))),
          new Case(
              "london_weekly_prepaid_without_issuer",
              context(
                  "GB",
                  "Europe/London",
                  "GBP",
                  999,
                  BillingInterval.WEEK,
                  OptionalInt.of(90),
                  CardBrand.VISA,
                  CardFunding.PREPAID,
                  Optional.empty(),
                  OptionalInt.of(1),
                  failed("2026-09-09T07:45:00Z", DeclineCode.GENERIC_DECLINE))),
          new Case(
              "new_york_nothing_optional_known",
              context(
                  "US",
                  "America/New_York",
                  "USD",
                  2_500,
                  BillingInterval.MONTH,
                  OptionalInt.empty(),
                  CardBrand.VISA,
                  CardFunding.CREDIT,
                  Optional.empty(),
                  OptionalInt.empty(),
                  failed("2026-02-10T12:00:00Z", DeclineCode.DO_NOT_HONOR))),
          new Case(
              "paris_brand_new_customer_zero_devices",
              context(
                  "FR",
                  "Europe/Paris",
                  "EUR",
                  1_500,
                  BillingInterval.MONTH,
                  OptionalInt.of(0),
                  CardBrand.MASTERCARD,
                  CardFunding.DEBIT,
                  Optional.of("iss_004"),
                  OptionalInt.of(0),
                  failed("2026-04-20T08:00:00Z", DeclineCode.INSUFFICIENT_FUNDS))),
          new Case(
              "sao_paulo_country_issuer_brand_and_code_never_trained_on",
              context(
                  "BR",
                  "America/Sao_Paulo",
                  "BRL",
                  15_000,
                  BillingInterval.ONE_OFF,
                  OptionalInt.of(200),
                  CardBrand.DISCOVER,
                  CardFunding.UNKNOWN,
                  Optional.of("iss_999"),
                  OptionalInt.of(1),
                  failed("2026-06-01T13:00:00Z", DeclineCode.CALL_ISSUER))),
          new Case(
              // +2 h is 01:30 CET on 29 March, +13 h 30 is 14:00 CEST: across the clock change.
              "paris_across_spring_forward",
              context(
                  "FR",
                  "Europe/Paris",
                  "EUR",
                  9_900,
                  BillingInterval.MONTH,
                  OptionalInt.of(700),
                  CardBrand.VISA,
                  CardFunding.CREDIT,
                  Optional.of("iss_002"),
                  OptionalInt.of(1),
                  failed("2026-03-28T22:30:00Z", DeclineCode.TRY_AGAIN_LATER))),
          new Case(
              // The candidates run from the last days of January into February's pay days.
              "new_york_month_end_to_pay_day",
              context(
                  "US",
                  "America/New_York",
                  "USD",
                  4_000,
                  BillingInterval.MONTH,
                  OptionalInt.of(250),
                  CardBrand.VISA,
                  CardFunding.DEBIT,
                  Optional.of("iss_005"),
                  OptionalInt.of(1),
                  failed("2026-01-29T23:00:00Z", DeclineCode.INSUFFICIENT_FUNDS),
                  failed("2026-01-30T18:00:00Z", DeclineCode.INSUFFICIENT_FUNDS))));

  static List<Instant> candidates(DecisionContext context) {
    Instant previous = context.previousAttempt().attemptedAt();
    return OFFSETS.stream().map(previous::plus).toList();
  }

  // ---------------------------------------------------------------- the check

  @TempDir Path temp;

  /** Copies the reference directory off the classpath, so it loads like any directory would. */
  private Path referenceDirectory() throws IOException {
    Path directory = temp.resolve("reference-model");
    Files.createDirectories(directory);
    for (String name :
        List.of(
            ModelDirectory.MANIFEST,
            ModelDirectory.SUCCESS_MODEL,
            ModelDirectory.RECOVERY_MODEL,
            ModelDirectory.CALIBRATION,
            ModelDirectory.METRICS,
            ModelDirectory.FEATURES)) {
      try (InputStream in = resource(MODEL_RESOURCE + name)) {
        Files.copy(in, directory.resolve(name));
      }
    }
    return directory;
  }

  private static InputStream resource(String name) {
    InputStream in = ReferenceModelTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("classpath resource %s", name).isNotNull();
    return in;
  }

  private static JsonNode expectedPredictions() throws IOException {
    try (InputStream in = resource(PREDICTIONS_RESOURCE)) {
      return JSON.readTree(in);
    }
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void referenceModelStillPredictsWhatItDid() throws IOException {
    RetryModel model = ModelDirectory.load(referenceDirectory());
    JsonNode expected = expectedPredictions();
    FeatureExtractor extractor = new FeatureExtractor();

    assertThat(model.version()).isEqualTo(expected.get("model_version").asText());
    assertThat(expected.get("feature_version").asInt()).isEqualTo(FeatureExtractor.VERSION);
    assertThat(expected.get("cases")).hasSize(CASES.size());
    for (int index = 0; index < CASES.size(); index++) {
      Case reference = CASES.get(index);
      JsonNode stored = expected.get("cases").get(index);
      assertThat(stored.get("name").asText()).isEqualTo(reference.name());
      DecisionContext context = reference.context();

      // Recovery: features first, so a failure says whether features or the model moved.
      assertFeatures(
          reference.name() + " recovery",
          RecoveryTimeModel.features(extractor, context),
          featureMap(stored.get("recovery_features")));
      assertThat(model.recoveryTime().expectedHours(context))
          .as("%s: expected recovery hours", reference.name())
          .isCloseTo(stored.get("expected_recovery_hours").asDouble(), within(TOLERANCE));

      List<Instant> candidates = candidates(context);
      ContextFeatures features = extractor.context(context);
      List<FeatureVector> vectors =
          candidates.stream().map(c -> extractor.at(features, c)).toList();
      Map<String, Double> contextPart = featureMap(stored.get("context_features"));
      double[] raw = model.success().rawScores(vectors);
      double[] probabilities = model.success().probabilities(features, candidates);
      JsonNode storedCandidates = stored.get("candidates");
      assertThat(storedCandidates).hasSize(candidates.size());
      for (int at = 0; at < candidates.size(); at++) {
        JsonNode candidate = storedCandidates.get(at);
        String where = reference.name() + " at " + candidates.get(at);
        assertThat(candidate.get("at").asText()).isEqualTo(candidates.get(at).toString());
        Map<String, Double> all = new HashMap<>(contextPart);
        all.putAll(featureMap(candidate.get("time_features")));
        assertFeatures(where, vectors.get(at), all);
        assertThat(raw[at])
            .as("%s: raw score", where)
            .isCloseTo(candidate.get("raw_score").asDouble(), within(TOLERANCE));
        assertThat(probabilities[at])
            .as("%s: calibrated probability", where)
            .isCloseTo(candidate.get("probability").asDouble(), within(TOLERANCE));
      }
    }
  }

  private static Map<String, Double> featureMap(JsonNode stored) {
    Map<String, Double> features = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = stored.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      features.put(field.getKey(), field.getValue().asDouble());
    }
    return features;
  }

  private static void assertFeatures(
      String where, FeatureVector actual, Map<String, Double> stored) {
    // Order is not compared: Tribuo and the fast path both sort features by id.
    assertThat(actual.names())
        .as("%s: feature names", where)
        .containsExactlyInAnyOrder(stored.keySet().toArray(String[]::new));
    for (String name : actual.names()) {
      assertThat(actual.value(name))
          .as("%s: feature %s", where, name)
          .isCloseTo(stored.get(name), within(FEATURE_TOLERANCE));
    }
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void referenceExercisesTheCalibration() throws IOException {
    // Guards against a reference that would pass whatever calibration does: the stored
    // calibration must have steps, and move some of the reference scores noticeably.
    RetryModel model = ModelDirectory.load(referenceDirectory());
    JsonNode expected = expectedPredictions();

    assertThat(model.success().calibration().scores().length).isGreaterThan(5);
    long moved = 0;
    for (JsonNode stored : expected.get("cases")) {
      for (JsonNode candidate : stored.get("candidates")) {
        double raw = candidate.get("raw_score").asDouble();
        moved += Math.abs(candidate.get("probability").asDouble() - raw) > 0.01 ? 1 : 0;
      }
    }
    assertThat(moved).isGreaterThan(10);
    assertThat(model.manifest().algorithm()).isEqualTo("xgboost");
    assertThat(BoosterBatch.of(model.success().tribuoModel())).isNotNull();
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void referenceModelStaysSmall() throws IOException {
    long bytes = 0;
    try (var files = Files.list(referenceDirectory())) {
      for (Path file : files.toList()) {
        bytes += Files.size(file);
      }
    }

    assertThat(bytes).isLessThan(300_000);
  }

  // ---------------------------------------------------------------- regeneration

  /**
   * Retrains the reference model and rewrites both resources in {@code src/test/resources}. Only
   * with {@code -Dregenerate.reference=true}; see the class comment.
   */
  @Test
  @EnabledIfSystemProperty(named = REGENERATE, matches = "true")
  void regenerate() throws IOException {
    Path resources =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources");
    Path directory = resources.resolve(MODEL_RESOURCE);
    TinyModels.writeXgboostDirectory(directory);
    // Expected values come through loading, as the check computes them.
    RetryModel model = ModelDirectory.load(directory);
    Files.writeString(
        resources.resolve(PREDICTIONS_RESOURCE),
        JSON.writeValueAsString(predictions(model)) + "\n");
  }

  private static ObjectNode predictions(RetryModel model) {
    FeatureExtractor extractor = new FeatureExtractor();
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "about",
        "Expected predictions of reference-model/ for ReferenceModelTest.CASES at"
            + " ReferenceModelTest.OFFSETS after each previous attempt; written by"
            + " ReferenceModelTest.regenerate, never by hand.");
    root.put("model_version", model.version());
    root.put("feature_version", FeatureExtractor.VERSION);
    ArrayNode cases = root.putArray("cases");
    for (Case reference : CASES) {
      DecisionContext context = reference.context();
      ObjectNode stored = cases.addObject();
      stored.put("name", reference.name());
      stored.set("recovery_features", featuresJson(RecoveryTimeModel.features(extractor, context)));
      stored.put("expected_recovery_hours", model.recoveryTime().expectedHours(context));
      List<Instant> candidates = candidates(context);
      ContextFeatures features = extractor.context(context);
      List<FeatureVector> vectors = new ArrayList<>();
      for (Instant candidate : candidates) {
        vectors.add(extractor.at(features, candidate));
      }
      double[] raw = model.success().rawScores(vectors);
      double[] probabilities = model.success().probabilities(features, candidates);
      // The part shared by all candidates once, then what each candidate adds.
      FeatureVector contextPart = new FeatureVector(features.names(), features.values());
      stored.set("context_features", featuresJson(contextPart));
      ArrayNode storedCandidates = stored.putArray("candidates");
      for (int at = 0; at < candidates.size(); at++) {
        ObjectNode candidate = storedCandidates.addObject();
        candidate.put("at", candidates.get(at).toString());
        candidate.put("raw_score", raw[at]);
        candidate.put("probability", probabilities[at]);
        ObjectNode timeFeatures = featuresJson(vectors.get(at));
        timeFeatures.remove(List.of(contextPart.names()));
        candidate.set("time_features", timeFeatures);
      }
    }
    return root;
  }

  private static ObjectNode featuresJson(FeatureVector vector) {
    ObjectNode features = JSON.createObjectNode();
    for (int index = 0; index < vector.size(); index++) {
      features.put(vector.names()[index], vector.values()[index]);
    }
    return features;
  }
}
