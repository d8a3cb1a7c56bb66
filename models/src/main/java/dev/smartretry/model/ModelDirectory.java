package dev.smartretry.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smartretry.SmartRetryException;
import dev.smartretry.features.FeatureExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * Reads and writes model directories. A directory holds:
 *
 * <ul>
 *   <li>{@code success-model.tribuo}, {@code recovery-time-model.tribuo}: Tribuo models in Tribuo's
 *       protobuf format (never Java serialization), each with Tribuo's provenance;
 *   <li>{@code calibration.json}: the success classifier's calibration;
 *   <li>{@code metrics.json}: the evaluation written at training;
 *   <li>{@code features.json}: the feature spec, what the models read ({@link FeatureSpec});
 *   <li>{@code manifest.json}, written last: format and feature versions, provenance (training data
 *       SHA-256, seed, algorithm, library versions) and the SHA-256 of every other file.
 * </ul>
 *
 * <p>Loading checks all of it, so a wrong, corrupt or incompatible directory fails with a message
 * that says which file and why, never with a model that silently means something else. Only load
 * directories you trust: a model file is code-like input to Tribuo and XGBoost.
 */
public final class ModelDirectory {
  public static final String FORMAT = "smart-retry-model";
  public static final int FORMAT_VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String SUCCESS_MODEL = "success-model.tribuo";
  static final String RECOVERY_MODEL = "recovery-time-model.tribuo";
  static final String CALIBRATION = "calibration.json";
  static final String METRICS = "metrics.json";
  static final String FEATURES = "features.json";

  /** Where the shipped default model lives on the classpath. */
  public static final String DEFAULT_MODEL_RESOURCE = "dev/smartretry/default-model/";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A later format may add fields; its format_version, not a parse error, refuses it.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelDirectory() {}

  /** Writes {@code model}'s parts to {@code directory}; the manifest's file sums are computed. */
  public static void write(
      Path directory,
      Model<Label> success,
      Calibration calibration,
      Model<Regressor> recoveryTime,
      JsonNode metrics,
      ModelManifest manifest)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put(SUCCESS_MODEL, success.serialize().toByteArray());
    contents.put(RECOVERY_MODEL, recoveryTime.serialize().toByteArray());
    contents.put(CALIBRATION, JSON.writeValueAsBytes(calibration));
    contents.put(METRICS, JSON.writeValueAsBytes(metrics));
    contents.put(FEATURES, JSON.writeValueAsBytes(FeatureSpec.of(success, recoveryTime)));
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : contents.entrySet()) {
      Files.write(directory.resolve(file.getKey()), file.getValue());
      sums.put(file.getKey(), sha256(file.getValue()));
    }
    ModelManifest complete =
        new ModelManifest(
            FORMAT,
            FORMAT_VERSION,
            FeatureExtractor.VERSION,
            manifest.version(),
            manifest.createdAt(),
            manifest.algorithm(),
            manifest.seed(),
            manifest.trainingData(),
            manifest.libraries(),
            sums);
    Files.write(directory.resolve(MANIFEST), JSON.writeValueAsBytes(complete));
  }

  /** Loads and checks the model directory at {@code directory}. */
  public static RetryModel load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new SmartRetryException(directory + ": not a model directory (no such directory)");
    }
    return load(directory.toString(), inDirectory(directory));
  }

  /** Loads the default model shipped in this library's jar. */
  public static RetryModel loadDefault() {
    return load("classpath:" + DEFAULT_MODEL_RESOURCE, onClasspath());
  }

  /** {@link #describe(Path)} for the default model shipped in this library's jar. */
  public static ModelDescription describeDefault() {
    return describe("classpath:" + DEFAULT_MODEL_RESOURCE, onClasspath());
  }

  private static FileSource onClasspath() {
    ClassLoader loader = ModelDirectory.class.getClassLoader();
    return name -> loader.getResourceAsStream(DEFAULT_MODEL_RESOURCE + name);
  }

  /**
   * What a directory says about its model, its manifest and its evaluation, checked as far as they
   * go but without loading the models: cheap enough to list many directories.
   */
  public static ModelDescription describe(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new SmartRetryException(directory + ": not a model directory (no such directory)");
    }
    return describe(directory.toString(), inDirectory(directory));
  }

  /**
   * Loads and checks a model directory whose files are held in memory, e.g. read from a {@link
   * ModelArchive}.
   *
   * @param where how messages name it, e.g. {@code the upload}
   * @param files each file's content by its name in the directory
   */
  public static RetryModel load(String where, Map<String, byte[]> files) {
    return load(where, inMemory(files));
  }

  /** {@link #describe(Path)} for a model directory whose files are held in memory. */
  public static ModelDescription describe(String where, Map<String, byte[]> files) {
    return describe(where, inMemory(files));
  }

  private static ModelDescription describe(String where, FileSource source) {
    ModelManifest manifest = readManifest(where, source);
    byte[] metrics = read(where, source, METRICS);
    String expected = manifest.files() == null ? null : manifest.files().get(METRICS);
    if (expected == null || !expected.equals(sha256(metrics))) {
      throw new SmartRetryException(
          where + "/" + METRICS + ": corrupt (its SHA-256 differs from " + MANIFEST + ")");
    }
    try {
      return new ModelDescription(manifest, JSON.readTree(metrics));
    } catch (IOException e) {
      throw new SmartRetryException(where + "/" + METRICS + ": not JSON: " + firstLine(e), e);
    }
  }

  private static FileSource inDirectory(Path directory) {
    return name -> {
      Path file = directory.resolve(name);
      return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    };
  }

  private static FileSource inMemory(Map<String, byte[]> files) {
    Map<String, byte[]> copy = Map.copyOf(files);
    return name -> {
      byte[] content = copy.get(name);
      return content == null ? null : new ByteArrayInputStream(content);
    };
  }

  /** The first six hex digits of a file's SHA-256: the suffix of a model version. */
  public static String shortSum(byte[] content) {
    return sha256(content).substring(0, 6);
  }

  @FunctionalInterface
  private interface FileSource {
    /** The named file's content, or null when there is no such file. */
    InputStream open(String name) throws IOException;
  }

  private static RetryModel load(String where, FileSource source) {
    ModelManifest manifest = readManifest(where, source);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String name : new String[] {SUCCESS_MODEL, RECOVERY_MODEL, CALIBRATION, METRICS}) {
      byte[] content = read(where, source, name);
      String expected = manifest.files() == null ? null : manifest.files().get(name);
      if (expected == null) {
        throw new SmartRetryException(where + ": " + MANIFEST + " has no checksum for " + name);
      }
      if (!expected.equals(sha256(content))) {
        throw new SmartRetryException(
            where + "/" + name + ": corrupt (its SHA-256 differs from " + MANIFEST + ")");
      }
      contents.put(name, content);
    }
    Model<Label> success = tribuoModel(where, SUCCESS_MODEL, contents, Label.class);
    Model<Regressor> recovery = tribuoModel(where, RECOVERY_MODEL, contents, Regressor.class);
    Calibration calibration;
    JsonNode metrics;
    try {
      calibration = JSON.readValue(contents.get(CALIBRATION), Calibration.class);
    } catch (IOException e) {
      throw new SmartRetryException(
          where + "/" + CALIBRATION + ": not a calibration: " + firstLine(e), e);
    }
    try {
      metrics = JSON.readTree(contents.get(METRICS));
    } catch (IOException e) {
      throw new SmartRetryException(where + "/" + METRICS + ": not JSON: " + firstLine(e), e);
    }
    checkFeatures(where, source, manifest, success, recovery);
    SuccessModel successModel;
    try {
      successModel = new SuccessModel(success, calibration);
    } catch (SmartRetryException e) {
      throw new SmartRetryException(where + "/" + SUCCESS_MODEL + ": " + e.getMessage(), e);
    }
    return new RetryModel(manifest, successModel, new RecoveryTimeModel(recovery), metrics);
  }

  /**
   * Checks {@code features.json} against the models, when the manifest lists it (directories
   * written before it existed have none; their feature version is still checked).
   */
  private static void checkFeatures(
      String where,
      FileSource source,
      ModelManifest manifest,
      Model<Label> success,
      Model<Regressor> recovery) {
    String expected = manifest.files() == null ? null : manifest.files().get(FEATURES);
    if (expected == null) {
      return;
    }
    byte[] content = read(where, source, FEATURES);
    if (!expected.equals(sha256(content))) {
      throw new SmartRetryException(
          where + "/" + FEATURES + ": corrupt (its SHA-256 differs from " + MANIFEST + ")");
    }
    FeatureSpec spec;
    try {
      spec = JSON.readValue(content, FeatureSpec.class);
    } catch (IOException e) {
      throw new SmartRetryException(
          where + "/" + FEATURES + ": not a feature spec: " + firstLine(e), e);
    }
    if (spec.featureVersion() != FeatureExtractor.VERSION
        || !spec.successFeatures().equals(FeatureSpec.names(success))
        || !spec.recoveryTimeFeatures().equals(FeatureSpec.names(recovery))) {
      throw new SmartRetryException(
          where
              + "/"
              + FEATURES
              + ": does not describe the directory's models (feature version "
              + spec.featureVersion()
              + ", this version computes "
              + FeatureExtractor.VERSION
              + ")");
    }
  }

  private static ModelManifest readManifest(String where, FileSource source) {
    ModelManifest manifest;
    try {
      manifest = JSON.readValue(read(where, source, MANIFEST), ModelManifest.class);
    } catch (IOException e) {
      throw new SmartRetryException(
          where + "/" + MANIFEST + ": not a model manifest: " + firstLine(e), e);
    }
    if (manifest == null) {
      throw new SmartRetryException(where + "/" + MANIFEST + ": not a model manifest (null)");
    }
    if (!FORMAT.equals(manifest.format())) {
      throw new SmartRetryException(
          where + "/" + MANIFEST + ": format is '" + manifest.format() + "', not '" + FORMAT + "'");
    }
    if (manifest.formatVersion() != FORMAT_VERSION) {
      throw new SmartRetryException(
          where
              + "/"
              + MANIFEST
              + ": model format version "
              + manifest.formatVersion()
              + " cannot be read by this version (it reads "
              + FORMAT_VERSION
              + ")");
    }
    if (manifest.featureVersion() != FeatureExtractor.VERSION) {
      throw new SmartRetryException(
          where
              + "/"
              + MANIFEST
              + ": trained with feature version "
              + manifest.featureVersion()
              + ", but this version computes features version "
              + FeatureExtractor.VERSION
              + "; retrain it");
    }
    return manifest;
  }

  private static <T extends org.tribuo.Output<T>> Model<T> tribuoModel(
      String where, String name, Map<String, byte[]> contents, Class<T> outputType) {
    Model<?> model;
    try {
      model = Model.deserialize(ModelProto.parseFrom(contents.get(name)));
    } catch (IOException | RuntimeException e) {
      throw new SmartRetryException(
          where + "/" + name + ": not a Tribuo model: " + firstLine(e), e);
    }
    if (!model.validate(outputType)) {
      throw new SmartRetryException(
          where
              + "/"
              + name
              + ": predicts "
              + model.getOutputIDInfo().getDomain()
              + ", not a "
              + outputType.getSimpleName());
    }
    @SuppressWarnings("unchecked")
    Model<T> typed = (Model<T>) model;
    return typed;
  }

  private static byte[] read(String where, FileSource source, String name) {
    try (InputStream in = source.open(name)) {
      if (in == null) {
        throw new SmartRetryException(where + ": not a model directory (" + name + " is missing)");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new SmartRetryException(where + "/" + name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of {@code content} in lower-case hex, as manifests write it. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
