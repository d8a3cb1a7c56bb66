package dev.smartretry.service.models;

import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where a model version is loaded from: a model directory on this instance's disk, the default
 * model shipped in the jar, or its archive in the database (uploaded, or stored by the instance
 * that activated it from its own disk), which every instance can read.
 *
 * @param name how the API and the database name it: the directory's absolute path, {@value
 *     #DEFAULT_NAME}, or {@value #STORED_PREFIX} and the version
 * @param directory the directory; null for the shipped default and for a stored archive
 */
record ModelSource(String name, @Nullable Path directory) {
  static final String DEFAULT_NAME = "classpath:default";
  static final String STORED_PREFIX = "database:";
  static final ModelSource DEFAULT = new ModelSource(DEFAULT_NAME, null);

  static ModelSource of(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    return new ModelSource(absolute.toString(), absolute);
  }

  /** The archive of {@code version} in {@code model_archives}. */
  static ModelSource stored(String version) {
    return new ModelSource(STORED_PREFIX + version, null);
  }

  /** The source a stored {@link #name} stands for. */
  static ModelSource named(String name) {
    if (DEFAULT_NAME.equals(name)) {
      return DEFAULT;
    }
    if (name.startsWith(STORED_PREFIX)) {
      return new ModelSource(name, null);
    }
    return of(Path.of(name));
  }

  boolean isStored() {
    return name.startsWith(STORED_PREFIX);
  }

  /** The version whose archive this is; only for {@link #isStored()} sources. */
  String storedVersion() {
    if (!isStored()) {
      throw new IllegalStateException(name + " is not a stored archive");
    }
    return name.substring(STORED_PREFIX.length());
  }
}
