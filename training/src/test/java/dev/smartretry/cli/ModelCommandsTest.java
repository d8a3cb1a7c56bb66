package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.model.ModelArchive;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, train, evaluate and simulate end to end, in process, on a small generated history. The
 * history and the three models (xgboost, logistic, auto) are made once, before the tests: training
 * is the slow part of the suite.
 */
class ModelCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STRATEGIES =
      List.of("planner", "evenly_spread", "days_1_3_5_7", "daily", "oracle");

  @TempDir static Path dir;

  /** 1,000 invoices (about 3,600 retries): enough for both algorithms to learn something. */
  private static Path history;

  /** Invoices of another seed, which the model never saw. */
  private static Path unseen;

  private static Path xgboost;
  private static Path logistic;
  private static Path auto;
  private static CliRun trainedXgboost;
  private static CliRun trainedLogistic;
  private static CliRun trainedAuto;

  @BeforeAll
  static void generateAndTrain() throws IOException {
    history = dir.resolve("history.csv.gz");
    CliRun generated =
        CliRun.of("generate", "--invoices", "1000", "--seed", "7", "--out", history.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    unseen = dir.resolve("unseen.csv");
    new HistoryGenerator(WorldConfig.defaults(), 8).write(unseen, 300, done -> {});
    xgboost = dir.resolve("xgboost");
    trainedXgboost = train(xgboost, "xgboost");
    logistic = dir.resolve("logistic");
    trainedLogistic = train(logistic, "logistic");
    auto = dir.resolve("auto");
    trainedAuto = train(auto, "auto");
  }

  private static CliRun train(Path out, String algorithm) {
    return CliRun.of(
        "train",
        "--data",
        history.toString(),
        "--out",
        out.toString(),
        "--algorithm",
        algorithm,
        "--seed",
        "42");
  }

  private static JsonNode json(CliRun run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  /** Exit code 1 and nothing on stderr but one line giving {@code reason}. */
  private static void failsWithOneLine(CliRun run, String reason) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("error: ").contains(reason).doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  /** A usage mistake of {@code command}: exit code 2, the reason and a pointer to its help. */
  private static void isAUsageError(CliRun run, String command, String reason) {
    run.isAUsageMistake("smart-retry " + command, reason);
  }

  // --- train ---

  @Test
  void trainWritesAModelDirectoryOfTheAlgorithmAsked() {
    assertThat(trainedXgboost.exitCode()).as(trainedXgboost.err()).isZero();
    assertThat(trainedXgboost.out())
        .contains("model      " + xgboost + " (xgboost)")
        .containsPattern("roc_auc    0\\.\\d{4}")
        .containsPattern("log_loss   0\\.\\d{4}")
        .containsPattern("brier      0\\.\\d{4}");
    // What training did goes to stderr, so stdout stays the figures alone.
    assertThat(trainedXgboost.err())
        .contains("read 1,000 invoices")
        .contains("xgboost: trained")
        .doesNotContain("logistic: trained")
        .contains("kept xgboost");

    RetryModel model = ModelDirectory.load(xgboost);
    assertThat(model.manifest().algorithm()).isEqualTo("xgboost");
    assertThat(model.manifest().seed()).isEqualTo(42);
    assertThat(model.manifest().trainingData().invoices()).isEqualTo(1000);
  }

  @Test
  void trainWithLogisticKeepsLogistic() {
    assertThat(trainedLogistic.exitCode()).as(trainedLogistic.err()).isZero();
    assertThat(trainedLogistic.out()).contains("(logistic)");
    assertThat(trainedLogistic.err())
        .contains("logistic: trained")
        .doesNotContain("xgboost: trained");
    assertThat(ModelDirectory.load(logistic).manifest().algorithm()).isEqualTo("logistic");
  }

  @Test
  void autoTrainsBothAndKeepsTheOneWithTheLowerValidationLogLoss() {
    assertThat(trainedAuto.exitCode()).as(trainedAuto.err()).isZero();
    assertThat(trainedAuto.err()).contains("logistic: trained").contains("xgboost: trained");
    RetryModel model = ModelDirectory.load(auto);
    String kept = model.manifest().algorithm();
    assertThat(kept).isIn("logistic", "xgboost");
    assertThat(trainedAuto.out()).contains("(" + kept + ")");
    assertThat(trainedAuto.err()).contains("kept " + kept);
    JsonNode candidates = model.metrics().get("candidates");
    String other = kept.equals("xgboost") ? "logistic" : "xgboost";
    assertThat(candidates.get(kept).get("log_loss").asDouble())
        .isLessThanOrEqualTo(candidates.get(other).get("log_loss").asDouble());
  }

  @Test
  void theSameSeedTrainsTheSameModel() throws IOException {
    // auto trained the same algorithms on the same file with the same seed as the single-algorithm
    // runs: what it kept must be what that algorithm's own run made, and its figures for the
    // other candidate too.
    RetryModel fromAuto = ModelDirectory.load(auto);
    String kept = fromAuto.manifest().algorithm();
    Path single = kept.equals("xgboost") ? xgboost : logistic;
    RetryModel alone = ModelDirectory.load(single);

    // The model files themselves are not byte-identical: Tribuo's provenance records when the
    // dataset and the model were made. What they predict is what matters.
    World world = new World(WorldConfig.defaults(), 99);
    for (long index = 0; index < 40; index++) {
      WorldInvoice invoice = world.draw(index);
      DecisionContext context = DecisionContext.beforeAttempt(invoice.original(), 1);
      List<Instant> candidates = new ArrayList<>();
      for (int hour = 1; hour <= 72; hour += 5) {
        candidates.add(invoice.firstFailureAt().plus(Duration.ofHours(hour)));
      }
      assertThat(fromAuto.success().probabilities(context, candidates))
          .containsExactly(alone.success().probabilities(context, candidates));
    }
    assertThat(Files.readAllBytes(auto.resolve("calibration.json")))
        .isEqualTo(Files.readAllBytes(single.resolve("calibration.json")));
    JsonNode candidates = fromAuto.metrics().get("candidates");
    assertThat(candidates.get("xgboost"))
        .isEqualTo(ModelDirectory.load(xgboost).metrics().get("candidates").get("xgboost"));
    assertThat(candidates.get("logistic"))
        .isEqualTo(ModelDirectory.load(logistic).metrics().get("candidates").get("logistic"));
  }

  @Test
  void trainOnAMissingFileFailsWithOneLine() {
    CliRun run =
        CliRun.of(
            "train",
            "--data",
            dir.resolve("nope.csv").toString(),
            "--out",
            dir.resolve("never").toString());

    failsWithOneLine(run, "nope.csv: no such file");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void trainOnTooFewRetriesFailsWithOneLine() throws IOException {
    Path tiny = dir.resolve("tiny.csv");
    new HistoryGenerator(WorldConfig.defaults(), 3).write(tiny, 20, done -> {});

    CliRun run =
        CliRun.of("train", "--data", tiny.toString(), "--out", dir.resolve("tiny").toString());

    // Training logs what it read before it gives up; the reason is the one error line, last.
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    List<String> lines = run.err().strip().lines().toList();
    assertThat(lines).filteredOn(line -> line.startsWith("error")).hasSize(1);
    assertThat(lines.get(lines.size() - 1))
        .startsWith("error: ")
        .contains("70 retries; training needs at least 200");
    assertThat(dir.resolve("tiny")).doesNotExist();
  }

  @Test
  void trainArchiveWritesTheDirectoryAsOneFileBesideIt() throws IOException {
    Path out = dir.resolve("archived");
    CliRun run =
        CliRun.of(
            "train",
            "--data",
            history.toString(),
            "--out",
            out.toString(),
            "--algorithm",
            "logistic",
            "--archive");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path archive = dir.resolve("archived.tar.gz");
    assertThat(run.out()).contains("archive    " + archive.toAbsolutePath().normalize());
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(archive)) {
      files = ModelArchive.read(archive.toString(), in);
    }
    assertThat(ModelDirectory.load(archive.toString(), files).version())
        .isEqualTo(ModelDirectory.load(out).version());
  }

  @Test
  void anArchiveThatIsNoTarGzIsAUsageError() {
    CliRun run =
        CliRun.of(
            "train",
            "--data",
            history.toString(),
            "--out",
            dir.resolve("zipped").toString(),
            "--archive",
            dir.resolve("model.zip").toString());

    isAUsageError(run, "train", "--archive must name a .tar.gz file");
    assertThat(dir.resolve("zipped")).doesNotExist();
  }

  @Test
  void anUnknownAlgorithmIsAUsageError() {
    CliRun run =
        CliRun.of(
            "train",
            "--data",
            history.toString(),
            "--out",
            dir.resolve("forest").toString(),
            "--algorithm",
            "forest");

    isAUsageError(run, "train", "forest");
  }

  // --- evaluate ---

  @Test
  void evaluateJsonScoresEveryRetryOnce() throws IOException {
    JsonNode report =
        json(
            CliRun.of(
                "evaluate", "--model", xgboost.toString(), "--data", unseen.toString(), "--json"));

    assertThat(report.get("model").asText()).isEqualTo(ModelDirectory.load(xgboost).version());
    assertThat(report.get("invoices").asLong()).isEqualTo(300);
    JsonNode overall = report.get("overall");
    long count = overall.get("count").asLong();
    assertThat(count).isGreaterThan(300);
    // A model trained on 1,000 invoices ranks better than chance, and its probabilities are
    // better than always saying one half (Brier 0.25, log loss ln 2).
    assertThat(overall.get("roc_auc").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(overall.get("log_loss").asDouble()).isPositive().isLessThan(Math.log(2));
    assertThat(overall.get("brier").asDouble()).isPositive().isLessThan(0.25);
    assertThat(overall.get("success_rate").asDouble()).isBetween(0.0, 1.0);
    assertThat(overall.get("mean_predicted").asDouble()).isBetween(0.0, 1.0);

    assertThat(sum(overall.get("calibration"), "count")).isEqualTo(count);
    for (JsonNode bin : overall.get("calibration")) {
      double from = bin.get("from").asDouble();
      assertThat(bin.get("to").asDouble()).isCloseTo(from + 0.1, offset(1e-9));
      assertThat(bin.get("mean_predicted").asDouble()).isBetween(from, from + 0.1);
      assertThat(bin.get("observed_rate").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(sum(report.get("by_previous_decline_code"), "count")).isEqualTo(count);
    assertThat(sum(report.get("by_retry_number"), "count")).isEqualTo(count);
    assertThat(report.get("by_retry_number").get(0).get("group").asText()).isEqualTo("1");
    assertThat(groups(report.get("by_previous_decline_code"))).contains("insufficient_funds");

    // Every retry row is a decision point of the replay.
    JsonNode replay = report.get("replay");
    assertReplay(replay, count);
    assertThat(replay.get("invoices").asLong()).isEqualTo(300);
    assertThat(replay.get("max_retries").asInt()).isEqualTo(8);
    assertThat(Duration.parse(replay.get("max_duration").asText())).isEqualTo(Duration.ofDays(14));
    assertThat(Duration.parse(replay.get("tolerance").asText())).isEqualTo(Duration.ofHours(1));
  }

  /** The replay's figures agree with each other, and with the {@code retries} scored. */
  private static void assertReplay(JsonNode replay, long retries) {
    long points = replay.get("decision_points").asLong();
    long matched = replay.get("matched").asLong();
    assertThat(points).isEqualTo(retries);
    assertThat(replay.get("planner_stops").asLong()).isBetween(0L, points);
    assertThat(matched).isBetween(1L, points - replay.get("planner_stops").asLong());
    assertThat(replay.get("match_rate").asDouble())
        .isCloseTo((double) matched / points, offset(1e-12));
    assertThat(replay.get("matched_success_rate").asDouble())
        .isCloseTo(replay.get("matched_successes").asDouble() / matched, offset(1e-12));
    assertThat(replay.get("effective_matched").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(matched);
    double weighted = replay.get("weighted_success_rate").asDouble();
    assertThat(weighted).isBetween(0.0, 1.0);
    assertThat(replay.get("weighted_success_interval").get("low").asDouble()).isLessThan(weighted);
    assertThat(replay.get("weighted_success_interval").get("high").asDouble())
        .isGreaterThan(weighted);
    assertThat(replay.get("logged_success_rate").asDouble())
        .isCloseTo(replay.get("logged_successes").asDouble() / points, offset(1e-12));
    assertThat(replay.get("recovered_invoices").asLong())
        .isEqualTo(replay.get("logged_successes").asLong());
    assertThat(replay.get("would_have_recovered").asLong())
        .isBetween(0L, replay.get("matched_successes").asLong());
  }

  /** Whether {@code value} lies within the replay's weighted interval. */
  private static boolean inInterval(JsonNode replay, double value) {
    JsonNode interval = replay.get("weighted_success_interval");
    return value >= interval.get("low").asDouble() && value <= interval.get("high").asDouble();
  }

  private static long sum(JsonNode array, String field) {
    long sum = 0;
    for (JsonNode element : array) {
      sum += element.get(field).asLong();
    }
    return sum;
  }

  private static List<String> groups(JsonNode array) {
    List<String> groups = new ArrayList<>();
    array.forEach(element -> groups.add(element.get("group").asText()));
    return groups;
  }

  @Test
  void evaluateAgainstComparesTwoModelsOnTheSameRetries() throws IOException {
    JsonNode comparison =
        json(
            CliRun.of(
                "evaluate",
                "--model",
                xgboost.toString(),
                "--against",
                logistic.toString(),
                "--data",
                unseen.toString(),
                "--json"));

    JsonNode model = comparison.get("model").get("overall");
    JsonNode against = comparison.get("against").get("overall");
    assertThat(comparison.get("model").get("model").asText())
        .isEqualTo(ModelDirectory.load(xgboost).version());
    assertThat(comparison.get("against").get("model").asText())
        .isEqualTo(ModelDirectory.load(logistic).version());
    assertThat(model.get("count").asLong()).isEqualTo(against.get("count").asLong());
    // Each verdict follows the figures it names.
    double modelLoss = model.get("log_loss").asDouble();
    double againstLoss = against.get("log_loss").asDouble();
    assertThat(comparison.get("log_loss").asText())
        .isEqualTo(modelLoss < againstLoss ? "model" : "against");
    assertThat(comparison.get("better").asText()).isEqualTo(comparison.get("log_loss").asText());
    assertThat(comparison.get("roc_auc").asText())
        .isEqualTo(
            model.get("roc_auc").asDouble() > against.get("roc_auc").asDouble()
                ? "model"
                : "against");
    // The replay of each, on the same retries, and its verdict from the figures it names.
    JsonNode modelReplay = comparison.get("model").get("replay");
    JsonNode againstReplay = comparison.get("against").get("replay");
    assertReplay(modelReplay, model.get("count").asLong());
    assertReplay(againstReplay, against.get("count").asLong());
    double modelRecovery = modelReplay.get("weighted_success_rate").asDouble();
    double againstRecovery = againstReplay.get("weighted_success_rate").asDouble();
    String recovery =
        inInterval(modelReplay, againstRecovery) || inInterval(againstReplay, modelRecovery)
            ? "tie"
            : modelRecovery > againstRecovery ? "model" : "against";
    assertThat(comparison.get("planner_recovery").asText()).isEqualTo(recovery);

    CliRun text =
        CliRun.of(
            "evaluate",
            "--model",
            xgboost.toString(),
            "--against",
            logistic.toString(),
            "--data",
            unseen.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("calibration_error")
        .containsPattern("planner_recovery +0\\.\\d{4} +0\\.\\d{4}  (model|against|tie)")
        .containsPattern("matched +\\d+ +\\d+")
        .contains("a match is within PT1H on the same local day")
        .containsPattern("better: \\S+ \\(the --(model|against)\\)");
  }

  @Test
  void evaluateReplaysUnderTheLimitsAndToleranceAsked() throws IOException {
    JsonNode replay =
        json(CliRun.of(
                "evaluate",
                "--model",
                xgboost.toString(),
                "--data",
                unseen.toString(),
                "--max-retries",
                "2",
                "--replay-tolerance",
                "PT3H",
                "--json"))
            .get("replay");

    assertThat(replay.get("max_retries").asInt()).isEqualTo(2);
    assertThat(Duration.parse(replay.get("tolerance").asText())).isEqualTo(Duration.ofHours(3));
    // With two retries allowed the planner stops at every third retry and later of the history.
    assertThat(replay.get("planner_stops").asLong()).isGreaterThan(0);
  }

  @Test
  void evaluateRefusesANegativeReplayTolerance() {
    isAUsageError(
        CliRun.of(
            "evaluate",
            "--model",
            xgboost.toString(),
            "--data",
            unseen.toString(),
            "--replay-tolerance",
            "-PT1H"),
        "evaluate",
        "tolerance must not be negative");
  }

  @Test
  void evaluateTextShowsTheSameFigures() {
    CliRun run = CliRun.of("evaluate", "--model", xgboost.toString(), "--data", unseen.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("roc_auc +0\\.\\d{4}")
        .containsPattern("log_loss +0\\.\\d{4}")
        .containsPattern("brier +0\\.\\d{4}")
        .contains("calibration")
        .contains("by previous decline code")
        .contains("by retry number")
        .contains("insufficient_funds")
        .containsPattern("planner replayed on [\\d,]+ logged retries")
        .containsPattern("planner_recovery +0\\.\\d{4} \\(95 % interval 0\\.\\d\\d-[01]\\.\\d\\d")
        .containsPattern("would recover +\\d+ of the [\\d,]+ invoices the history recovered");
  }

  @Test
  void evaluateWithADirectoryThatIsNoModelFailsWithOneLine() throws IOException {
    Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
    Files.writeString(notAModel.resolve("notes.txt"), "no model here");

    CliRun run =
        CliRun.of("evaluate", "--model", notAModel.toString(), "--data", unseen.toString());

    failsWithOneLine(run, "not a model directory");
  }

  @Test
  void evaluateOnAFileWithoutRetriesFailsWithOneLine() throws IOException {
    // The unseen history cut to its original charges: invoices, but not a retry among them.
    Path originals = dir.resolve("originals.csv");
    List<String> lines = Files.readAllLines(unseen);
    List<String> kept = new ArrayList<>(List.of(lines.get(0)));
    // attempt_number is the third column.
    lines.stream().skip(1).filter(line -> line.split(",")[2].equals("1")).forEach(kept::add);
    Files.write(originals, kept);
    assertThat(kept).hasSizeGreaterThan(300);

    CliRun run =
        CliRun.of("evaluate", "--model", xgboost.toString(), "--data", originals.toString());

    failsWithOneLine(run, "no retry rows");
  }

  // --- simulate ---

  @Test
  void simulateJsonComparesEveryStrategyOnTheSameInvoices() throws IOException {
    JsonNode report =
        json(
            CliRun.of(
                "simulate",
                "--model",
                xgboost.toString(),
                "--invoices",
                "200",
                "--max-retries",
                "4",
                "--json"));

    assertThat(report.get("invoices").asLong()).isEqualTo(200);
    assertThat(report.get("max_retries").asInt()).isEqualTo(4);
    assertThat(Duration.parse(report.get("max_duration").asText())).isEqualTo(Duration.ofDays(14));
    JsonNode strategies = report.get("strategies");
    List<String> names = new ArrayList<>();
    strategies.forEach(strategy -> names.add(strategy.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(STRATEGIES);

    String bestFixed = null;
    double bestFixedRate = -1;
    for (JsonNode strategy : strategies) {
      String name = strategy.get("name").asText();
      long recovered = strategy.get("recovered").asLong();
      assertThat(strategy.get("invoices").asLong()).as(name).isEqualTo(200);
      assertThat(recovered).as(name).isBetween(0L, 200L);
      assertThat(strategy.get("recovery_rate").asDouble())
          .as(name)
          .isCloseTo(recovered / 200.0, offset(1e-12));
      assertThat(strategy.get("retries").asLong()).as(name).isLessThanOrEqualTo(4 * 200);
      assertThat(strategy.get("retries_per_invoice").asDouble())
          .as(name)
          .isLessThanOrEqualTo(4.0)
          .isCloseTo(strategy.get("retries").asLong() / 200.0, offset(1e-12));
      assertThat(strategy.get("recovered_amount").size()).as(name).isPositive();
      // Recovery takes time after the first failure, and never longer than the window.
      assertThat(strategy.get("median_hours_to_recovery").asDouble())
          .as(name)
          .isPositive()
          .isLessThanOrEqualTo(14 * 24);
      if (strategy.get("kind").asText().equals("FIXED")
          && strategy.get("recovery_rate").asDouble() > bestFixedRate) {
        bestFixed = name;
        bestFixedRate = strategy.get("recovery_rate").asDouble();
      }
    }
    assertThat(report.get("best_fixed").asText()).isEqualTo(bestFixed);
    double planner = rate(strategies, "planner");
    double oracle = rate(strategies, "oracle");
    assertThat(oracle).isGreaterThanOrEqualTo(bestFixedRate);
    if (oracle > bestFixedRate) {
      assertThat(report.get("gap_closed").asDouble())
          .isCloseTo((planner - bestFixedRate) / (oracle - bestFixedRate), offset(1e-9));
    } else {
      assertThat(
              report.get("gap_closed").isNull() || report.get("gap_closed").asText().equals("NaN"))
          .isTrue();
    }
  }

  private static double rate(JsonNode strategies, String name) {
    for (JsonNode strategy : strategies) {
      if (strategy.get("name").asText().equals(name)) {
        return strategy.get("recovery_rate").asDouble();
      }
    }
    throw new AssertionError("no strategy " + name);
  }

  @Test
  void simulateTextIsATableOfTheStrategies() {
    CliRun run =
        CliRun.of(
            "simulate", "--model", xgboost.toString(), "--invoices", "30", "--max-retries", "4");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("30 invoices, at most 4 retries")
        .contains("best fixed schedule:")
        .contains("of its gap to the oracle")
        .contains("recovered amount, by currency");
    for (String strategy : STRATEGIES) {
      assertThat(run.out()).containsPattern("(?m)^" + strategy + " +\\d+ +\\d+\\.\\d\\d%");
    }
  }

  @Test
  void simulateRefusesNoInvoices() {
    isAUsageError(
        CliRun.of("simulate", "--model", xgboost.toString(), "--invoices", "0"),
        "simulate",
        "--invoices must be at least 1");
  }

  @Test
  void simulateRefusesNoRetries() {
    isAUsageError(
        CliRun.of("simulate", "--model", xgboost.toString(), "--max-retries", "0"),
        "simulate",
        "max retries must be at least 1");
  }

  @Test
  void simulateRefusesADurationThatIsNotIso8601() {
    isAUsageError(
        CliRun.of("simulate", "--model", xgboost.toString(), "--max-duration", "14 days"),
        "simulate",
        "14 days");
  }

  @Test
  void simulateWithADirectoryThatIsNoModelFailsWithOneLine() {
    CliRun run =
        CliRun.of("simulate", "--model", dir.resolve("missing").toString(), "--invoices", "5");

    failsWithOneLine(run, "not a model directory");
  }

  // --- help ---

  @Test
  void everyModelCommandHasHelpNamingItsOptions() {
    assertHelp("train", "--data", "--out", "--algorithm", "--seed");
    assertHelp(
        "evaluate",
        "--model",
        "--against",
        "--data",
        "--max-retries",
        "--max-duration",
        "--min-interval",
        "--replay-tolerance",
        "--json");
    assertHelp(
        "simulate",
        "--model",
        "--invoices",
        "--max-retries",
        "--max-duration",
        "--min-interval",
        "--seed",
        "--json");
  }

  private static void assertHelp(String command, String... options) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).as(command).isZero();
    assertThat(run.out()).startsWith("Usage: smart-retry " + command).contains(options);
  }
}
