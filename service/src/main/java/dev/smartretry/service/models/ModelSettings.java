package dev.smartretry.service.models;

import dev.smartretry.service.database.EmbeddedDatabase;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the service's models come from, as configured.
 *
 * @param model property {@code smart-retry.model}, environment {@code SMART_RETRY_MODEL}: a model
 *     directory written by {@code train}, loaded and activated at start (the start fails if it
 *     cannot be loaded); {@value #NONE} to run without a model, every decision then following its
 *     policy's fixed schedule; unset, the default model shipped in the jar
 * @param modelsDir property {@code smart-retry.models-dir}, environment {@code
 *     SMART_RETRY_MODELS_DIR}: the directory whose sub-directories are model versions that can be
 *     activated; default {@code models} in the data directory
 * @param dataDir property {@code smart-retry.data-dir}, environment {@code SMART_RETRY_DATA_DIR}:
 *     the service's local state, default {@code ~/.smart-retry} (see {@link EmbeddedDatabase})
 */
@ConfigurationProperties("smart-retry")
record ModelSettings(@Nullable String model, @Nullable String modelsDir, @Nullable String dataDir) {
  /** The value of {@code smart-retry.model} that runs the service without a model. */
  static final String NONE = "none";

  /** How the setting is named in messages: both of its names, as an operator may know either. */
  static final String MODEL_SETTING = "SMART_RETRY_MODEL (smart-retry.model)";

  /** Whether the service runs without a model, by choice. */
  boolean noModel() {
    return model != null && model.strip().toLowerCase(Locale.ROOT).equals(NONE);
  }

  /** The model directory to start with, if one is named. */
  Optional<Path> modelDirectory() {
    if (model == null || model.isBlank() || noModel()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(model.strip()).toAbsolutePath().normalize());
  }

  /** Where activatable model versions live, whether or not it exists yet. */
  Path modelsDirectory() {
    Path directory;
    if (modelsDir != null && !modelsDir.isBlank()) {
      directory = Path.of(modelsDir.strip());
    } else if (dataDir != null && !dataDir.isBlank()) {
      directory = Path.of(dataDir.strip()).resolve("models");
    } else {
      directory = EmbeddedDatabase.DEFAULT_DATA_DIR.resolve("models");
    }
    return directory.toAbsolutePath().normalize();
  }
}
