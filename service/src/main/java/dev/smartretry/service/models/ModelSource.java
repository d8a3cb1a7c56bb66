package dev.smartretry.service.models;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where a model version is loaded from: a model directory, or the default model shipped in the jar.
 *
 * @param name how the API and the database name it: the directory's absolute path, or {@value
 *     #DEFAULT_NAME}
 * @param directory the directory; null for the shipped default
 */
record ModelSource(String name, @Nullable Path directory) {
  static final String DEFAULT_NAME = "classpath:default";
  static final ModelSource DEFAULT = new ModelSource(DEFAULT_NAME, null);

  static ModelSource of(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    return new ModelSource(absolute.toString(), absolute);
  }

  /** The source a stored {@link #name} stands for. */
  static ModelSource named(String name) {
    return DEFAULT_NAME.equals(name) ? DEFAULT : of(Path.of(name));
  }

  /**
   * Loads and checks the whole model: every file against the manifest's checksums, then the models.
   *
   * @throws dev.smartretry.SmartRetryException naming the file and the reason if it cannot be used
   */
  RetryModel load() {
    return directory == null ? ModelDirectory.loadDefault() : ModelDirectory.load(directory);
  }
}
