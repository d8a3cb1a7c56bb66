package dev.smartretry.service.models;

import dev.smartretry.model.ModelArchive;
import dev.smartretry.model.ModelDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A model archive's bytes, as uploaded or made from a directory, with their SHA-256.
 *
 * @param content the {@code .tar.gz}; not copied, so the owner must not change it
 */
record ModelArchiveBytes(byte[] content, String sha256) {
  static ModelArchiveBytes of(byte[] content) {
    return new ModelArchiveBytes(content, ModelDirectory.sha256(content));
  }

  /** The archive {@code train --archive} would write of {@code directory}. */
  static ModelArchiveBytes ofDirectory(Path directory) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelArchive.write(directory, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not archive the model directory " + directory, e);
    }
    return of(out.toByteArray());
  }
}
