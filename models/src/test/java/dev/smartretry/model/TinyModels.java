package dev.smartretry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Small, deterministic Tribuo models trained on a synthetic retry world, for tests that need a real
 * model but not a real history.
 *
 * <p>The world: decision contexts over four countries (each with its zone and currency), a dozen
 * issuers, soft decline codes and up to three failed attempts; a retry succeeds with a probability
 * that rises in the local early morning and around pay days, and falls with the retry number, with
 * zero devices, with an unknown issuer and with a retry soon after the previous attempt. The rule
 * leans on time features on purpose, so that models trained on it use them and a change in how
 * features are computed changes their predictions. Every random choice comes from a {@link Random}
 * with an explicit seed: {@code java.util.Random}'s sequence is fixed by its specification, so the
 * same seed gives the same data on every JDK.
 */
final class TinyModels {
  /** The seed of the training data; other data sets derive theirs from it. */
  static final long SEED = 20_260_301L;

  static final int TRAINING_EXAMPLES = 2_000;
  static final int CALIBRATION_EXAMPLES = 2_000;
  static final int RECOVERY_EXAMPLES = 800;
  static final int TREES = 20;
  static final int TREE_DEPTH = 4;

  /** The countries of the synthetic world: zone and currency follow the country. */
  static final List<String> COUNTRIES = List.of("FR", "US", "JP", "GB");

  static final Map<String, String> ZONES =
      Map.of(
          "FR",
          "Europe/Paris",
          "US",
          "America/New_York",
          "JP",
          "Asia/Tokyo",
          "GB",
          "Europe/London");
  static final Map<String, String> CURRENCIES =
      Map.of("FR", "EUR", "US", "USD", "JP", "JPY", "GB", "GBP");

  /** The decline codes of the synthetic world; none is hard, so every context may be retried. */
  static final List<DeclineCode> CODES =
      List.of(
          DeclineCode.INSUFFICIENT_FUNDS,
          DeclineCode.DO_NOT_HONOR,
          DeclineCode.GENERIC_DECLINE,
          DeclineCode.TRY_AGAIN_LATER,
          DeclineCode.PROCESSING_ERROR);

  /** A fixed time for provenance and manifests, so that nothing depends on when a test runs. */
  static final Instant TRAINED_AT = Instant.parse("2026-03-01T00:00:00Z");

  private static final Instant WORLD_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final FeatureExtractor EXTRACTOR = new FeatureExtractor();

  private TinyModels() {}

  /** A feature vector with its synthetic outcome. */
  record Labelled(FeatureVector features, boolean succeeded) {}

  // ---------------------------------------------------------------- the synthetic world

  /** A random decision context of the synthetic world. */
  static DecisionContext randomContext(Random random) {
    String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
    // Log-uniform from 5.00 to 500.00.
    long amount = Math.round(Math.exp(Math.log(500) + random.nextDouble() * Math.log(100)));
    BillingInterval interval =
        random.nextInt(5) == 0
            ? BillingInterval.YEAR
            : random.nextInt(10) == 0 ? BillingInterval.WEEK : BillingInterval.MONTH;
    // About one in seven unknown, one in twenty a brand-new customer (log1p(0) = 0, a real zero).
    OptionalInt tenure =
        random.nextInt(7) == 0
            ? OptionalInt.empty()
            : OptionalInt.of(random.nextInt(20) == 0 ? 0 : random.nextInt(2_000));
    CardBrand brand =
        switch (random.nextInt(4)) {
          case 0 -> CardBrand.MASTERCARD;
          case 1 -> CardBrand.AMEX;
          default -> CardBrand.VISA;
        };
    CardFunding funding =
        switch (random.nextInt(5)) {
          case 0 -> CardFunding.CREDIT;
          case 1 -> CardFunding.PREPAID;
          default -> CardFunding.DEBIT;
        };
    Optional<String> issuer =
        random.nextInt(5) == 0
            ? Optional.empty()
            : Optional.of(String.format("iss_%03d", 1 + random.nextInt(12)));
    int attemptCount = 1 + random.nextInt(3);
    Instant at = WORLD_START.plusSeconds(random.nextInt(330 * 86_400));
    List<PastAttempt> attempts = new ArrayList<>();
    for (int index = 0; index < attemptCount; index++) {
      attempts.add(new PastAttempt(at, CODES.get(random.nextInt(CODES.size()))));
      at = at.plusSeconds(6 * 3_600 + random.nextInt(54 * 3_600));
    }
    OptionalInt devices =
        random.nextInt(5) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(4));
    return new DecisionContext(
        amount,
        CURRENCIES.get(country),
        interval,
        ZoneId.of(ZONES.get(country)),
        tenure,
        new Card(brand, funding, country, issuer),
        attempts,
        devices);
  }

  /**
   * A random retry time: up to ten days after the previous attempt, and one time in twenty exactly
   * at it, so that the elapsed-time features are sometimes a real zero.
   */
  static Instant randomCandidate(DecisionContext context, Random random) {
    Instant previous = context.previousAttempt().attemptedAt();
    return random.nextInt(20) == 0 ? previous : previous.plusSeconds(60L * random.nextInt(14_400));
  }

  /** The synthetic world's true P(success) of a retry at {@code at}. */
  static double successProbability(DecisionContext context, Instant at) {
    ZonedDateTime local = at.atZone(context.timezone());
    double logit = -0.8;
    logit +=
        switch (context.previousAttempt().declineCode()) {
          case INSUFFICIENT_FUNDS -> -0.6;
          case DO_NOT_HONOR -> -0.2;
          case TRY_AGAIN_LATER -> 0.6;
          case PROCESSING_ERROR -> 0.9;
          default -> 0;
        };
    int hour = local.getHour();
    logit += hour >= 5 && hour <= 9 ? 1.4 : hour <= 3 ? -0.9 : 0;
    int day = local.getDayOfMonth();
    logit += day <= 3 || day >= local.toLocalDate().lengthOfMonth() - 1 ? 0.7 : 0;
    logit -= 0.35 * (context.nextRetryNumber() - 1);
    logit -= context.lastDevices24h().orElse(1) == 0 ? 0.6 : 0;
    logit -= context.card().issuerId().isEmpty() ? 0.4 : 0;
    double hoursSincePrevious =
        Duration.between(context.previousAttempt().attemptedAt(), at).toMinutes() / 60.0;
    logit -= hoursSincePrevious < 6 ? 0.8 : 0;
    return 1 / (1 + Math.exp(-logit));
  }

  /** The synthetic world's hours from the first failure to recovery, before noise. */
  static double recoveryHours(DecisionContext context) {
    double hours =
        switch (context.attempts().get(0).declineCode()) {
          case INSUFFICIENT_FUNDS -> 90;
          case PROCESSING_ERROR, TRY_AGAIN_LATER -> 10;
          default -> 36;
        };
    // Larger amounts take longer to find the money for.
    return hours * (1 + Math.log1p(context.amountMinor()) / 10);
  }

  /** {@code count} labelled vectors: one random context each, at one random candidate time. */
  static List<Labelled> labelled(int count, long seed) {
    Random random = new Random(seed);
    List<Labelled> examples = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      DecisionContext context = randomContext(random);
      Instant at = randomCandidate(context, random);
      boolean succeeded = random.nextDouble() < successProbability(context, at);
      examples.add(new Labelled(EXTRACTOR.features(context, at), succeeded));
    }
    return examples;
  }

  /** A Tribuo data set of {@link #labelled} examples, labelled with {@link Outcomes}. */
  static MutableDataset<Label> successData(int count, long seed) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> dataset = new MutableDataset<>(provenance(seed, factory), factory);
    for (Labelled example : labelled(count, seed)) {
      dataset.add(
          new ArrayExample<>(
              Outcomes.of(example.succeeded()),
              example.features().names(),
              example.features().values()));
    }
    return dataset;
  }

  /** A Tribuo data set of log(1 + hours to recovery), over the recovery model's features. */
  static MutableDataset<Regressor> recoveryData(int count, long seed) {
    Random random = new Random(seed);
    RegressionFactory factory = new RegressionFactory();
    MutableDataset<Regressor> dataset = new MutableDataset<>(provenance(seed, factory), factory);
    for (int index = 0; index < count; index++) {
      DecisionContext context = randomContext(random);
      double hours = recoveryHours(context) * Math.exp(0.3 * random.nextGaussian());
      FeatureVector features = RecoveryTimeModel.features(EXTRACTOR, context);
      dataset.add(
          new ArrayExample<>(
              new Regressor(RecoveryTimeModel.TARGET, Math.log1p(hours)),
              features.names(),
              features.values()));
    }
    return dataset;
  }

  private static <T extends org.tribuo.Output<T>> SimpleDataSourceProvenance provenance(
      long seed, org.tribuo.OutputFactory<T> factory) {
    return new SimpleDataSourceProvenance(
        "TinyModels synthetic retries, seed " + seed,
        OffsetDateTime.ofInstant(TRAINED_AT, ZoneOffset.UTC),
        factory);
  }

  // ---------------------------------------------------------------- trainers

  /** Gradient-boosted trees, single-threaded and seeded, so training is reproducible. */
  static Model<Label> trainXgboost(MutableDataset<Label> data, int trees) {
    return new XGBoostClassificationTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            trees,
            0.3,
            0,
            TREE_DEPTH,
            5,
            0.8,
            1.0,
            1,
            0,
            1,
            XGBoostTrainer.LoggingVerbosity.SILENT,
            SEED)
        .train(data);
  }

  /** Logistic regression by SGD, as training's LOGISTIC algorithm; seeded. */
  static Model<Label> trainLogistic(MutableDataset<Label> data) {
    return new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, Integer.MAX_VALUE, 1, SEED)
        .train(data);
  }

  /** The recovery-time regression; one output dimension, {@link RecoveryTimeModel#TARGET}. */
  static Model<Regressor> trainRecoveryTime(MutableDataset<Regressor> data, int trees) {
    return new XGBoostRegressionTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            XGBoostRegressionTrainer.RegressionType.LINEAR,
            trees,
            0.3,
            0,
            TREE_DEPTH,
            5,
            0.8,
            1.0,
            1,
            0,
            1,
            XGBoostTrainer.LoggingVerbosity.SILENT,
            SEED)
        .train(data);
  }

  /**
   * The isotonic calibration of {@code model}, fitted as training does: on held-out examples (a
   * different seed than the training data).
   */
  static Calibration fitCalibration(Model<Label> model, int count, long seed) {
    List<Labelled> heldOut = labelled(count, seed);
    List<FeatureVector> features = new ArrayList<>(heldOut.size());
    boolean[] outcomes = new boolean[heldOut.size()];
    for (int index = 0; index < outcomes.length; index++) {
      features.add(heldOut.get(index).features());
      outcomes[index] = heldOut.get(index).succeeded();
    }
    double[] raw = new SuccessModel(model, Calibration.identity()).tribuoRawScores(features);
    return Calibration.fit(raw, outcomes);
  }

  // ---------------------------------------------------------------- shared models

  /** Trained once per test JVM: the models are immutable and only read by tests. */
  private static final class Shared {
    static final MutableDataset<Label> SUCCESS_DATA = successData(TRAINING_EXAMPLES, SEED);
    static final Model<Label> XGBOOST = trainXgboost(SUCCESS_DATA, TREES);
    static final Model<Label> LOGISTIC = trainLogistic(SUCCESS_DATA);
    static final Model<Regressor> RECOVERY_TIME =
        trainRecoveryTime(recoveryData(RECOVERY_EXAMPLES, SEED + 2), TREES);
    static final Calibration XGBOOST_CALIBRATION =
        fitCalibration(XGBOOST, CALIBRATION_EXAMPLES, SEED + 1);
    static final Calibration LOGISTIC_CALIBRATION =
        fitCalibration(LOGISTIC, CALIBRATION_EXAMPLES, SEED + 1);
  }

  static Model<Label> xgboost() {
    return Shared.XGBOOST;
  }

  static Model<Label> logistic() {
    return Shared.LOGISTIC;
  }

  static Model<Regressor> recoveryTime() {
    return Shared.RECOVERY_TIME;
  }

  static Calibration xgboostCalibration() {
    return Shared.XGBOOST_CALIBRATION;
  }

  static Calibration logisticCalibration() {
    return Shared.LOGISTIC_CALIBRATION;
  }

  // ---------------------------------------------------------------- model directories

  /** A plausible manifest, as training writes it; {@link ModelDirectory#write} fills the sums. */
  static ModelManifest manifest(Model<Label> success, String algorithm) {
    String version = TRAINED_AT + "-" + ModelDirectory.shortSum(success.serialize().toByteArray());
    String data = "TinyModels seed " + SEED;
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("tribuo", org.tribuo.Tribuo.VERSION);
    libraries.put("java", System.getProperty("java.specification.version"));
    return new ModelManifest(
        ModelDirectory.FORMAT,
        ModelDirectory.FORMAT_VERSION,
        FeatureExtractor.VERSION,
        version,
        TRAINED_AT.toString(),
        algorithm,
        SEED,
        new ModelManifest.TrainingData(
            "synthetic-retries.csv",
            sha256Hex(data),
            TRAINING_EXAMPLES,
            TRAINING_EXAMPLES,
            TRAINING_EXAMPLES),
        libraries,
        Map.of());
  }

  /** A small metrics document, standing in for training's evaluation. */
  static JsonNode metrics(String algorithm) {
    ObjectNode metrics = JsonNodeFactory.instance.objectNode();
    metrics.put("algorithm", algorithm);
    metrics.put("synthetic", true);
    metrics.put("training_examples", TRAINING_EXAMPLES);
    metrics.put("calibration_examples", CALIBRATION_EXAMPLES);
    return metrics;
  }

  /** Writes a complete model directory to {@code directory} and returns it. */
  static Path writeDirectory(
      Path directory,
      Model<Label> success,
      Calibration calibration,
      Model<Regressor> recoveryTime,
      String algorithm)
      throws IOException {
    ModelDirectory.write(
        directory,
        success,
        calibration,
        recoveryTime,
        metrics(algorithm),
        manifest(success, algorithm));
    return directory;
  }

  /** The shared XGBoost success model's directory, written to {@code directory}. */
  static Path writeXgboostDirectory(Path directory) throws IOException {
    return writeDirectory(directory, xgboost(), xgboostCalibration(), recoveryTime(), "xgboost");
  }

  /** The shared logistic success model's directory, written to {@code directory}. */
  static Path writeLogisticDirectory(Path directory) throws IOException {
    return writeDirectory(directory, logistic(), logisticCalibration(), recoveryTime(), "logistic");
  }

  static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
