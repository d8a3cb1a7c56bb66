package dev.smartretry.service.models;

import dev.smartretry.model.ModelDescription;
import java.util.List;
import java.util.Objects;

/**
 * A model version and everywhere this instance found it. The same version in two places is the same
 * model (the version ends with its classifier's checksum), so any of them will do.
 *
 * @param sources where it was found, the preferred first: the shipped default, then the {@code
 *     SMART_RETRY_MODEL} directory, then the models directory's sub-directories by name
 */
record KnownModel(ModelDescription description, List<ModelSource> sources) {
  KnownModel {
    Objects.requireNonNull(description, "description");
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a known model was found somewhere");
    }
  }

  KnownModel(ModelDescription description, ModelSource source) {
    this(description, List.of(source));
  }

  String version() {
    return description.manifest().version();
  }

  ModelSource preferredSource() {
    return sources.get(0);
  }
}
