package dev.smartretry.service.models;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.ModelManifest;
import dev.smartretry.model.RetryModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Model directories for the tests, made from the shipped default model. */
final class ModelDirectories {
  static final List<String> FILES =
      List.of(
          "manifest.json",
          "metrics.json",
          "features.json",
          "calibration.json",
          "success-model.tribuo",
          "recovery-time-model.tribuo");

  private static RetryModel shippedDefault;

  private ModelDirectories() {}

  /** The shipped default model, loaded once for the run. */
  static synchronized RetryModel shippedDefault() {
    if (shippedDefault == null) {
      shippedDefault = ModelDirectory.loadDefault();
    }
    return shippedDefault;
  }

  /** A byte-for-byte copy of the shipped default model's directory: the same version. */
  static Path copyOfDefault(Path directory) throws IOException {
    Files.createDirectories(directory);
    ClassLoader loader = ModelDirectories.class.getClassLoader();
    for (String file : FILES) {
      try (InputStream in =
          loader.getResourceAsStream(ModelDirectory.DEFAULT_MODEL_RESOURCE + file)) {
        Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return directory;
  }

  /** The default's models under another version, trained at {@code trainedAt}. */
  static Path otherVersion(Path directory, String version, String trainedAt) throws IOException {
    RetryModel base = shippedDefault();
    ModelManifest manifest = base.manifest();
    ModelDirectory.write(
        directory,
        base.success().tribuoModel(),
        base.success().calibration(),
        base.recoveryTime().tribuoModel(),
        base.metrics(),
        new ModelManifest(
            manifest.format(),
            manifest.formatVersion(),
            manifest.featureVersion(),
            version,
            trainedAt,
            manifest.algorithm(),
            manifest.seed(),
            manifest.trainingData(),
            manifest.libraries(),
            Map.of()));
    return directory;
  }

  /** Flips one bit in the middle of {@code file}: its checksum no longer matches the manifest. */
  static void corrupt(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    content[content.length / 2] ^= 1;
    Files.write(file, content);
  }

  static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
