package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.ModelArchive;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.service.problem.ServiceProblem;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a model archive ({@code POST /v1/models}) into the database, so that every instance can
 * load and activate it. The archive is unpacked and its model loaded in full before anything is
 * stored: an archive whose format, feature version or checksums do not match is refused with the
 * reason, and nothing stored before is touched.
 */
@Singleton
final class ModelUpload {
  private static final Logger LOG = LoggerFactory.getLogger(ModelUpload.class);
  private static final String WHERE = "the upload";

  private final ModelVersionStore store;

  ModelUpload(ModelVersionStore store) {
    this.store = store;
  }

  /** What an upload did: the version, and whether it was new. */
  record Uploaded(ModelVersion version, boolean created) {}

  /**
   * @throws ServiceProblem 400 saying why the archive is not a usable model
   */
  Uploaded upload(byte[] archive) {
    RetryModel model;
    try {
      Map<String, byte[]> files = ModelArchive.read(WHERE, new ByteArrayInputStream(archive));
      model = ModelDirectory.load(WHERE, files);
    } catch (SmartRetryException e) {
      LOG.info("Refused a model upload: {}", e.getMessage());
      throw ServiceProblem.badRequest(
          "The body is not a usable model archive: " + e.getMessage() + ". Nothing was stored.");
    }
    String version = model.version();
    KnownModel known = new KnownModel(model.description(), ModelSource.stored(version));
    boolean created = store.registerUpload(known, ModelArchiveBytes.of(archive));
    if (created) {
      LOG.info("Stored the uploaded model version {}", version);
    }
    ModelVersion recorded =
        store
            .find(version)
            .orElseThrow(() -> new IllegalStateException("uploaded but not recorded: " + version));
    return new Uploaded(recorded, created);
  }
}
