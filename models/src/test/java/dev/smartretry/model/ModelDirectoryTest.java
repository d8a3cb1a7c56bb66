package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartretry.SmartRetryException;
import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

class ModelDirectoryTest {
  // Plain Jackson: the tree keeps the manifest's snake_case keys exactly as written.
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  /** Decision contexts of the synthetic world, from a seed the models were not trained on. */
  private static List<DecisionContext> contexts(int count) {
    Random random = new Random(TinyModels.SEED + 10);
    List<DecisionContext> contexts = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      contexts.add(TinyModels.randomContext(random));
    }
    return contexts;
  }

  /** Every half hour for a week after the previous attempt, as a planner's grid would. */
  private static List<Instant> halfHourly(DecisionContext context) {
    Instant previous = context.previousAttempt().attemptedAt();
    List<Instant> candidates = new ArrayList<>();
    for (int step = 0; step < 7 * 48; step++) {
      candidates.add(previous.plus(Duration.ofMinutes(30L * step)));
    }
    return candidates;
  }

  private static void assertSamePredictions(
      RetryModel loaded, SuccessModel inMemory, RecoveryTimeModel inMemoryRecovery) {
    FeatureExtractor extractor = new FeatureExtractor();
    for (DecisionContext context : contexts(8)) {
      ContextFeatures features = extractor.context(context);
      List<Instant> candidates = halfHourly(context);

      // Exactly equal, not close: loading must give back the very model that was written.
      assertThat(loaded.success().probabilities(features, candidates))
          .containsExactly(inMemory.probabilities(features, candidates));
      assertThat(loaded.recoveryTime().expectedHours(context))
          .isEqualTo(inMemoryRecovery.expectedHours(context));
    }
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void xgboostDirectoryLoadsBackTheSameModel() throws IOException {
    Path directory = TinyModels.writeXgboostDirectory(temp.resolve("model"));

    RetryModel loaded = ModelDirectory.load(directory);

    assertSamePredictions(
        loaded,
        new SuccessModel(TinyModels.xgboost(), TinyModels.xgboostCalibration()),
        new RecoveryTimeModel(TinyModels.recoveryTime()));
    assertThat(loaded.success().calibration()).isEqualTo(TinyModels.xgboostCalibration());
    // The fast batch path must survive loading too, or serving would silently be slower.
    assertThat(BoosterBatch.of(loaded.success().tribuoModel())).isNotNull();
  }

  @Test
  void logisticDirectoryLoadsBackTheSameModel() throws IOException {
    Path directory = TinyModels.writeLogisticDirectory(temp.resolve("model"));

    RetryModel loaded = ModelDirectory.load(directory);

    assertSamePredictions(
        loaded,
        new SuccessModel(TinyModels.logistic(), TinyModels.logisticCalibration()),
        new RecoveryTimeModel(TinyModels.recoveryTime()));
    assertThat(loaded.success().calibration()).isEqualTo(TinyModels.logisticCalibration());
  }

  @Test
  void manifestMetricsAndProvenanceSurvive() throws IOException {
    Model<Label> success = TinyModels.xgboost();
    ModelManifest written = TinyModels.manifest(success, "xgboost");
    Path directory = TinyModels.writeXgboostDirectory(temp.resolve("model"));

    RetryModel loaded = ModelDirectory.load(directory);

    ModelManifest manifest = loaded.manifest();
    assertThat(manifest.format()).isEqualTo(ModelDirectory.FORMAT);
    assertThat(manifest.formatVersion()).isEqualTo(ModelDirectory.FORMAT_VERSION);
    assertThat(manifest.featureVersion()).isEqualTo(FeatureExtractor.VERSION);
    assertThat(loaded.version()).isEqualTo(written.version()).isNotEmpty();
    assertThat(manifest.createdAt()).isEqualTo(written.createdAt());
    assertThat(manifest.algorithm()).isEqualTo("xgboost");
    assertThat(manifest.seed()).isEqualTo(TinyModels.SEED);
    assertThat(manifest.trainingData()).isEqualTo(written.trainingData());
    assertThat(manifest.libraries()).isEqualTo(written.libraries());
    // write computes the sums: one per file besides the manifest, each the file's SHA-256.
    assertThat(manifest.files())
        .containsOnlyKeys(
            ModelDirectory.SUCCESS_MODEL,
            ModelDirectory.RECOVERY_MODEL,
            ModelDirectory.CALIBRATION,
            ModelDirectory.METRICS,
            ModelDirectory.FEATURES);
    assertThat(manifest.files().get(ModelDirectory.SUCCESS_MODEL))
        .isEqualTo(sha256(directory.resolve(ModelDirectory.SUCCESS_MODEL)));
    assertThat(loaded.metrics()).isEqualTo(TinyModels.metrics("xgboost"));
    // Tribuo's provenance is how anyone finds out later what a model was trained on and how.
    assertThat(loaded.success().tribuoModel().getProvenance()).isEqualTo(success.getProvenance());
    assertThat(loaded.recoveryTime().tribuoModel().getProvenance())
        .isEqualTo(TinyModels.recoveryTime().getProvenance());
  }

  @Test
  void writeStampsTheVersionsThisLibraryReads() throws IOException {
    // A caller cannot write a directory that claims another format or feature version.
    ModelManifest odd =
        new ModelManifest(
            "something-else",
            99,
            FeatureExtractor.VERSION + 1,
            "v1",
            TinyModels.TRAINED_AT.toString(),
            "xgboost",
            1,
            null,
            java.util.Map.of(),
            java.util.Map.of("success-model.tribuo", "0000"));
    Path directory = temp.resolve("model");
    ModelDirectory.write(
        directory,
        TinyModels.xgboost(),
        TinyModels.xgboostCalibration(),
        TinyModels.recoveryTime(),
        TinyModels.metrics("xgboost"),
        odd);

    ModelManifest manifest = ModelDirectory.load(directory).manifest();

    assertThat(manifest.format()).isEqualTo(ModelDirectory.FORMAT);
    assertThat(manifest.formatVersion()).isEqualTo(ModelDirectory.FORMAT_VERSION);
    assertThat(manifest.featureVersion()).isEqualTo(FeatureExtractor.VERSION);
    assertThat(manifest.files().get(ModelDirectory.SUCCESS_MODEL)).isNotEqualTo("0000");
  }

  // ---------------------------------------------------------------- refusals

  private Path directory() throws IOException {
    return TinyModels.writeXgboostDirectory(temp.resolve("model"));
  }

  private static ObjectNode manifestOf(Path directory) throws IOException {
    return (ObjectNode) JSON.readTree(directory.resolve(ModelDirectory.MANIFEST).toFile());
  }

  private static void writeManifest(Path directory, ObjectNode manifest) throws IOException {
    JSON.writeValue(directory.resolve(ModelDirectory.MANIFEST).toFile(), manifest);
  }

  /** Replaces a file and records its new sum, as someone who knows the format would. */
  private static void replaceConsistently(Path directory, String name, byte[] content)
      throws IOException {
    Files.write(directory.resolve(name), content);
    ObjectNode manifest = manifestOf(directory);
    ((ObjectNode) manifest.get("files")).put(name, sha256(directory.resolve(name)));
    writeManifest(directory, manifest);
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void refusesAMissingDirectory() {
    Path missing = temp.resolve("no-such-model");

    assertThatThrownBy(() -> ModelDirectory.load(missing))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such directory");
  }

  @Test
  void refusesADirectoryWithoutManifest() throws IOException {
    Path directory = directory();
    Files.delete(directory.resolve(ModelDirectory.MANIFEST));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("manifest.json is missing");
  }

  @Test
  void refusesAManifestThatIsNotJson() throws IOException {
    Path directory = directory();
    Files.writeString(directory.resolve(ModelDirectory.MANIFEST), "format = smart-retry-model\n");

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve("manifest.json").toString())
        .hasMessageContaining("not a model manifest");
  }

  @Test
  void refusesAnotherFormat() throws IOException {
    Path directory = directory();
    ObjectNode manifest = manifestOf(directory);
    manifest.put("format", "onnx-bundle");
    writeManifest(directory, manifest);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve("manifest.json").toString())
        .hasMessageContaining("format is 'onnx-bundle', not 'smart-retry-model'");
  }

  @Test
  void describesADirectoryWithoutLoadingItsModels() throws IOException {
    Path directory = directory();

    ModelDescription description = ModelDirectory.describe(directory);

    assertThat(description.manifest()).isEqualTo(ModelDirectory.load(directory).manifest());
    assertThat(description.metrics()).isEqualTo(ModelDirectory.load(directory).metrics());
    // Only the metrics are read: a broken model file is found when the model is loaded.
    Files.write(directory.resolve(ModelDirectory.SUCCESS_MODEL), new byte[] {1, 2, 3});
    assertThat(ModelDirectory.describe(directory).manifest().version())
        .isEqualTo(description.manifest().version());
    Files.writeString(directory.resolve(ModelDirectory.METRICS), "{}");
    assertThatThrownBy(() -> ModelDirectory.describe(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("metrics.json: corrupt");
  }

  @Test
  void writesAFeatureSpecThatTheLoaderChecks() throws IOException {
    Path directory = directory();
    JsonNodeReader spec = new JsonNodeReader(directory.resolve(ModelDirectory.FEATURES));

    assertThat(spec.node().path("feature_version").asInt()).isEqualTo(FeatureExtractor.VERSION);
    assertThat(spec.node().path("time_features").toString()).contains("local_hour=03");
    assertThat(spec.node().path("success_features").size()).isGreaterThan(10);

    ObjectNode other = (ObjectNode) spec.node();
    other.putArray("success_features").add("a_feature_the_model_never_saw");
    replaceConsistently(directory, ModelDirectory.FEATURES, JSON.writeValueAsBytes(other));
    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("features.json: does not describe the directory's models");
  }

  /** Reads a JSON file once. */
  private record JsonNodeReader(com.fasterxml.jackson.databind.JsonNode node) {
    JsonNodeReader(Path file) throws IOException {
      this(JSON.readTree(file.toFile()));
    }
  }

  @Test
  void refusesANullManifest() throws IOException {
    Path directory = directory();
    Files.writeString(directory.resolve(ModelDirectory.MANIFEST), "null");

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("manifest.json: not a model manifest");
  }

  @Test
  void refusesAFormatVersionFromTheFuture() throws IOException {
    Path directory = directory();
    ObjectNode manifest = manifestOf(directory);
    manifest.put("format_version", ModelDirectory.FORMAT_VERSION + 1);
    // A later format would carry fields this version does not know; the version must still be
    // what the refusal names.
    manifest.put("signature", "ed25519:...");
    writeManifest(directory, manifest);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining(
            "model format version "
                + (ModelDirectory.FORMAT_VERSION + 1)
                + " cannot be read by this version (it reads "
                + ModelDirectory.FORMAT_VERSION
                + ")");
  }

  @Test
  void refusesModelsTrainedOnOtherFeatures() throws IOException {
    // The same feature names may mean other things in another version: retraining is the fix.
    Path directory = directory();
    ObjectNode manifest = manifestOf(directory);
    manifest.put("feature_version", FeatureExtractor.VERSION + 1);
    writeManifest(directory, manifest);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("trained with feature version " + (FeatureExtractor.VERSION + 1))
        .hasMessageContaining("computes features version " + FeatureExtractor.VERSION)
        .hasMessageContaining("retrain");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "success-model.tribuo",
        "recovery-time-model.tribuo",
        "calibration.json",
        "metrics.json",
        "features.json"
      })
  void refusesAFileWithOneByteFlipped(String name) throws IOException {
    Path directory = directory();
    Path file = directory.resolve(name);
    byte[] content = Files.readAllBytes(file);
    content[content.length / 2] ^= 0x01;
    Files.write(file, content);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining("SHA-256");
  }

  @Test
  void refusesAFileTheManifestHasNoSumFor() throws IOException {
    Path directory = directory();
    ObjectNode manifest = manifestOf(directory);
    ((ObjectNode) manifest.get("files")).remove(ModelDirectory.METRICS);
    writeManifest(directory, manifest);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("manifest.json has no checksum for metrics.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"success-model.tribuo", "recovery-time-model.tribuo"})
  void refusesGarbageEvenWithAMatchingSum(String name) throws IOException {
    Path directory = directory();
    replaceConsistently(
        directory, name, "<html>502 Bad Gateway</html>\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve(name).toString())
        .hasMessageContaining("not a Tribuo model");
  }

  @Test
  void refusesAnEmptyModelFileWithAMatchingSum() throws IOException {
    // An empty protobuf message parses: the refusal must come from Tribuo's deserialization.
    Path directory = directory();
    replaceConsistently(directory, ModelDirectory.SUCCESS_MODEL, new byte[0]);

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve("success-model.tribuo").toString())
        .hasMessageContaining("not a Tribuo model");
  }

  @Test
  void refusesARegressionInPlaceOfTheSuccessClassifier() throws IOException {
    Path directory = directory();
    replaceConsistently(
        directory,
        ModelDirectory.SUCCESS_MODEL,
        Files.readAllBytes(directory.resolve(ModelDirectory.RECOVERY_MODEL)));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve("success-model.tribuo").toString())
        .hasMessageContaining("predicts")
        .hasMessageContaining(RecoveryTimeModel.TARGET)
        .hasMessageContaining("not a Label");
  }

  @Test
  void refusesAClassifierInPlaceOfTheRecoveryRegression() throws IOException {
    Path directory = directory();
    replaceConsistently(
        directory,
        ModelDirectory.RECOVERY_MODEL,
        Files.readAllBytes(directory.resolve(ModelDirectory.SUCCESS_MODEL)));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.resolve("recovery-time-model.tribuo").toString())
        .hasMessageContaining("predicts")
        .hasMessageContaining("not a Regressor");
  }

  @Test
  void refusesAClassifierWithoutTheSucceededLabel() throws IOException {
    // A Label model, but of other labels: it would score nothing we can call P(success).
    Path directory = directory();
    replaceConsistently(
        directory,
        ModelDirectory.SUCCESS_MODEL,
        TinyModels.trainXgboost(relabelled(), 2).serialize().toByteArray());

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("does not predict the label 'succeeded'");
  }

  /** Training data whose labels are "approved" and "declined" instead of {@link Outcomes}. */
  private static org.tribuo.MutableDataset<Label> relabelled() {
    org.tribuo.classification.LabelFactory factory = new org.tribuo.classification.LabelFactory();
    org.tribuo.MutableDataset<Label> dataset =
        new org.tribuo.MutableDataset<>(
            new org.tribuo.provenance.SimpleDataSourceProvenance("relabelled", factory), factory);
    for (TinyModels.Labelled example : TinyModels.labelled(200, TinyModels.SEED)) {
      dataset.add(
          new org.tribuo.impl.ArrayExample<>(
              new Label(example.succeeded() ? "approved" : "declined"),
              example.features().names(),
              example.features().values()));
    }
    return dataset;
  }

  @Test
  void refusesADirectoryWithoutCalibration() throws IOException {
    Path directory = directory();
    Files.delete(directory.resolve(ModelDirectory.CALIBRATION));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("calibration.json is missing");
  }

  @Test
  void refusesACalibrationThatIsNotOne() throws IOException {
    Path directory = directory();
    replaceConsistently(
        directory,
        ModelDirectory.CALIBRATION,
        "{\"scores\": [0.1, 0.5], \"probabilities\": [0.2]}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ModelDirectory.load(directory))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("calibration.json: not a calibration")
        .hasMessageContaining("one probability per score");
  }

  @Test
  void refusesCalibrationsThatWouldMisleadSilently() throws IOException {
    for (String calibration :
        List.of(
            "{\"scores\": [], \"probabilities\": []}",
            "{\"scores\": [0.9, 0.1], \"probabilities\": [0.1, 0.3]}",
            "{\"scores\": [0.1, 0.9], \"probabilities\": [0.6, 0.3]}",
            "{\"scores\": [0.1, 0.9], \"probabilities\": [0.1, 1.5]}")) {
      Path directory = directory();
      replaceConsistently(
          directory, ModelDirectory.CALIBRATION, calibration.getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> ModelDirectory.load(directory))
          .as(calibration)
          .isInstanceOf(SmartRetryException.class)
          .hasMessageContaining("calibration.json: not a calibration");
    }
  }

  // ---------------------------------------------------------------- the shipped default

  @Test
  void defaultModelLoadsWhenShipped() {
    // The default model is produced separately; until it is on the classpath there is nothing to
    // check here.
    Assumptions.assumeTrue(
        ModelDirectory.class
                .getClassLoader()
                .getResource(ModelDirectory.DEFAULT_MODEL_RESOURCE + ModelDirectory.MANIFEST)
            != null,
        "no default model on the classpath");

    RetryModel model = ModelDirectory.loadDefault();

    assertThat(model.version()).isNotBlank();
    assertThat(model.manifest().featureVersion()).isEqualTo(FeatureExtractor.VERSION);
  }
}
