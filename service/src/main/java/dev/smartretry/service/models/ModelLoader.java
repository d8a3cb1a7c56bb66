package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.ModelArchive;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;

/**
 * Loads a model version from its {@link ModelSource}, in full and checked: every file against its
 * manifest's checksums, the format and feature versions, then the models.
 */
@Singleton
final class ModelLoader {
  private final ModelArchiveStore archives;

  ModelLoader(ModelArchiveStore archives) {
    this.archives = archives;
  }

  /**
   * @throws SmartRetryException naming the file and the reason if it cannot be used
   */
  RetryModel load(ModelSource source) {
    if (source.directory() != null) {
      return ModelDirectory.load(source.directory());
    }
    if (source.isStored()) {
      byte[] archive =
          archives
              .find(source.storedVersion())
              .orElseThrow(() -> new SmartRetryException(source.name() + ": no archive stored"));
      return ModelDirectory.load(
          source.name(), ModelArchive.read(source.name(), new ByteArrayInputStream(archive)));
    }
    return ModelDirectory.loadDefault();
  }
}
