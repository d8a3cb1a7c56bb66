package dev.smartretry.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.smartretry.SmartRetryException;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.model.Calibration;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.ModelManifest;
import dev.smartretry.model.Outcomes;
import dev.smartretry.model.SuccessModel;
import dev.smartretry.scoring.ScoreSummary;
import dev.smartretry.scoring.Scores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * From an attempts file to a model directory: read, build examples, split by time, train each
 * candidate algorithm, calibrate it on the calibration invoices, compare on the validation invoices
 * by log loss, train the recovery-time regression, and write the directory.
 *
 * <p>Where the history says with what probability the planner chose a retry's time, the
 * classifier's training examples are weighed by its inverse ({@link PropensityWeights}), unless
 * turned off; the manifest records which. Both of Tribuo's trainers used here honour an example's
 * weight: XGBoost hands them to its matrix ({@code DMatrix.setWeight}), and the SGD trainer scales
 * each example's loss and step by it. The calibration and the validation scores are not weighed:
 * they measure the model on retries as the planner runs them.
 */
public final class ModelTraining {
  private static final int MIN_EXAMPLES = 200;
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final List<Algorithm> algorithms;
  private final long seed;
  private final int threads;
  private final Clock clock;
  private final Consumer<String> log;
  private final boolean propensityWeights;

  /**
   * A training that weighs examples by their inverse selection probability where known.
   *
   * @param algorithms the candidates; the one with the lowest validation log loss is kept
   * @param log told what training is doing, one line at a time
   */
  public ModelTraining(
      List<Algorithm> algorithms, long seed, int threads, Clock clock, Consumer<String> log) {
    this(algorithms, seed, threads, clock, log, true);
  }

  /**
   * @param propensityWeights whether to weigh each example by the inverse of the probability its
   *     time was chosen with, where the history says; false: every example weighs 1
   */
  public ModelTraining(
      List<Algorithm> algorithms,
      long seed,
      int threads,
      Clock clock,
      Consumer<String> log,
      boolean propensityWeights) {
    this.propensityWeights = propensityWeights;
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one algorithm");
    }
    this.algorithms = List.copyOf(algorithms);
    this.seed = seed;
    this.threads = threads;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Trains on {@code data} and writes the model directory {@code out}. */
  public TrainingReport train(Path data, Path out, LongConsumer readProgress) throws IOException {
    return train(TrainingHistory.file(data), data.getFileName().toString(), out, readProgress);
  }

  /**
   * Trains on {@code history}, known in the model's manifest as {@code source}, and writes the
   * model directory {@code out}.
   */
  public TrainingReport train(
      TrainingHistory history, String source, Path out, LongConsumer readProgress)
      throws IOException {
    FeatureExtractor extractor = new FeatureExtractor();
    TrainingSet set = new TrainingSet(extractor);
    TrainingHistory.Read read = history.readInto(set, readProgress);
    String dataSum = read.sha256();
    log.accept(
        String.format(
            "read %,d invoices, %,d retries (%,d rows rejected)",
            read.invoicesAccepted(), set.retries().size(), read.rowsRejected()));
    set.sortByTime();
    List<RetryExample> all = set.retries();
    if (all.size() < MIN_EXAMPLES) {
      throw new SmartRetryException(
          source + ": " + all.size() + " retries; training needs at least " + MIN_EXAMPLES);
    }
    TimeSplit split = TimeSplit.of(all.stream().map(RetryExample::invoiceStart).toList());
    List<RetryExample> train = split.train(all, RetryExample::invoiceStart);
    List<RetryExample> calibration = split.calibration(all, RetryExample::invoiceStart);
    List<RetryExample> validation = split.validation(all, RetryExample::invoiceStart);
    requireBothOutcomes(source, train, "training");
    long withProbability =
        train.stream().filter(example -> example.selectionProbability().isPresent()).count();
    PropensityWeights weights =
        propensityWeights ? PropensityWeights.of(train) : PropensityWeights.none(train);
    ModelManifest.ExampleWeights weighing = weights.describe(propensityWeights, withProbability);
    log.accept(
        String.format(
            "example weights: %s (%,d of %,d training retries have a selection probability,"
                + " %,d clipped at %.0f times the mean)",
            weighing.method(),
            withProbability,
            train.size(),
            weighing.clipped(),
            PropensityWeights.CLIP));
    MutableDataset<Label> dataset = dataset(train, weights, dataSum);

    Map<String, ScoreSummary> candidates = new LinkedHashMap<>();
    SuccessModel best = null;
    Algorithm bestAlgorithm = null;
    for (Algorithm algorithm : algorithms) {
      long started = System.nanoTime();
      Model<Label> model = algorithm.trainer(seed, threads).train(dataset);
      SuccessModel uncalibrated = new SuccessModel(model, Calibration.identity());
      Calibration fitted =
          calibration.isEmpty()
              ? Calibration.identity()
              : Calibration.fit(rawScores(uncalibrated, calibration), outcomes(calibration));
      SuccessModel calibrated = new SuccessModel(model, fitted);
      ScoreSummary scores = score(calibrated, validation);
      candidates.put(algorithm.id(), scores);
      log.accept(
          String.format(
              "%s: trained in %.1f s; validation roc_auc %.4f, log_loss %.4f, brier %.4f",
              algorithm.id(),
              (System.nanoTime() - started) / 1e9,
              scores.rocAuc(),
              scores.logLoss(),
              scores.brier()));
      if (best == null || scores.logLoss() < candidates.get(bestAlgorithm.id()).logLoss()) {
        best = calibrated;
        bestAlgorithm = algorithm;
      }
    }
    ScoreSummary uncalibrated =
        score(new SuccessModel(best.tribuoModel(), Calibration.identity()), validation);

    RecoveryTimeTraining.Fit recovery =
        new RecoveryTimeTraining(threads, seed, log).fit(set, split, dataSum);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    TrainingReport report =
        new TrainingReport(
            bestAlgorithm.id(),
            candidates,
            uncalibrated,
            recovery.scores(),
            new TrainingReport.Split(
                train.size(),
                calibration.size(),
                validation.size(),
                split.calibrationFrom().toString(),
                split.validationFrom().toString()));
    JsonNode metrics = JSON.valueToTree(report);
    String version =
        now + "-" + ModelDirectory.shortSum(best.tribuoModel().serialize().toByteArray());
    ModelManifest manifest =
        new ModelManifest(
            ModelDirectory.FORMAT,
            ModelDirectory.FORMAT_VERSION,
            FeatureExtractor.VERSION,
            version,
            now.toString(),
            bestAlgorithm.id(),
            seed,
            new ModelManifest.TrainingData(
                source,
                dataSum,
                read.rowsAccepted(),
                read.invoicesAccepted(),
                all.size(),
                weighing),
            libraries(),
            Map.of());
    ModelDirectory.write(
        out, best.tribuoModel(), best.calibration(), recovery.model(), metrics, manifest);
    log.accept("kept " + bestAlgorithm.id() + "; wrote model " + version + " to " + out);
    return report;
  }

  /** Calibrated probabilities of {@code model} on {@code examples}, summarized. */
  public static ScoreSummary score(SuccessModel model, List<RetryExample> examples) {
    double[] raw = rawScores(model, examples);
    double[] probabilities = new double[raw.length];
    for (int index = 0; index < raw.length; index++) {
      probabilities[index] = model.calibration().apply(raw[index]);
    }
    return Scores.summarize(probabilities, outcomes(examples));
  }

  private static double[] rawScores(SuccessModel model, List<RetryExample> examples) {
    List<FeatureVector> features = new ArrayList<>(examples.size());
    for (RetryExample example : examples) {
      features.add(example.features());
    }
    return model.rawScores(features);
  }

  private static boolean[] outcomes(List<RetryExample> examples) {
    boolean[] outcomes = new boolean[examples.size()];
    for (int index = 0; index < outcomes.length; index++) {
      outcomes[index] = examples.get(index).succeeded();
    }
    return outcomes;
  }

  private static void requireBothOutcomes(String source, List<RetryExample> examples, String part) {
    boolean[] outcomes = outcomes(examples);
    boolean anySuccess = false;
    boolean anyFailure = false;
    for (boolean outcome : outcomes) {
      anySuccess |= outcome;
      anyFailure |= !outcome;
    }
    if (!anySuccess || !anyFailure) {
      throw new SmartRetryException(
          source
              + ": the "
              + part
              + " retries are all "
              + (anySuccess ? "successes" : "failures")
              + "; a classifier needs both");
    }
  }

  /** The classifier's dataset: {@code examples}, each with its weight. */
  static MutableDataset<Label> dataset(
      List<RetryExample> examples, PropensityWeights weights, String dataSum) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> dataset = new MutableDataset<>(provenance(dataSum, factory), factory);
    for (int index = 0; index < examples.size(); index++) {
      FeatureVector features = examples.get(index).features();
      ArrayExample<Label> example =
          new ArrayExample<>(
              Outcomes.of(examples.get(index).succeeded()), features.names(), features.values());
      example.setWeight((float) weights.weight(index));
      dataset.add(example);
    }
    return dataset;
  }

  static <T extends org.tribuo.Output<T>> SimpleDataSourceProvenance provenance(
      String dataSum, org.tribuo.OutputFactory<T> factory) {
    return new SimpleDataSourceProvenance(
        "attempt history sha256:" + dataSum, OffsetDateTime.now(ZoneOffset.UTC), factory);
  }

  private static Map<String, String> libraries() {
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("tribuo", org.tribuo.Tribuo.VERSION);
    libraries.put("xgboost4j", versionOf(ml.dmlc.xgboost4j.java.Booster.class));
    libraries.put("java", System.getProperty("java.version"));
    return libraries;
  }

  /** XGBoost4J's jar has no manifest version; it carries its own properties file. */
  private static String versionOf(Class<?> type) {
    try (InputStream in = type.getResourceAsStream("/xgboost4j-version.properties")) {
      if (in != null) {
        java.util.Properties properties = new java.util.Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      return "unknown";
    }
    String version = type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SmartRetryException(file + ": no such file");
    }
  }
}
