package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.RetryModel;
import dev.smartretry.service.problem.ServiceProblem;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the live model: on an admin's request ({@link #activate}), recorded in the database so
 * that every instance follows ({@link #follow}) and a restart starts with it.
 *
 * <p>Switches take turns on a lock, so an activation and a follow cannot interleave. A version
 * activated from this instance's disk is also stored as an archive in the database at its
 * activation: other instances may not have that disk.
 */
@Singleton
final class ModelActivation {
  private static final Logger LOG = LoggerFactory.getLogger(ModelActivation.class);

  private final ModelCatalog catalog;
  private final ModelLoader loader;
  private final ModelVersionStore store;
  private final ModelArchiveStore archives;
  private final ServingModel serving;
  private final Clock clock;
  private final ReentrantLock turns = new ReentrantLock();
  // The last reason a follow failed, so that a notification that changes nothing logs nothing.
  private volatile String lastRefusal = "";

  ModelActivation(
      ModelCatalog catalog,
      ModelLoader loader,
      ModelVersionStore store,
      ModelArchiveStore archives,
      ServingModel serving,
      Clock clock) {
    this.catalog = catalog;
    this.loader = loader;
    this.store = store;
    this.archives = archives;
    this.serving = serving;
    this.clock = clock;
  }

  /**
   * Makes {@code version} the live model here, and records it as the one every instance serves.
   *
   * @return its record, now active
   * @throws ServiceProblem 404 if the version is not known; 409 if it does not load, the live model
   *     then unchanged
   */
  ModelVersion activate(String version) {
    turns.lock();
    try {
      ModelInUse current = serving.current();
      if (version.equals(current.version())) {
        // Already live here: only the record may lag, if another instance activated since.
        record(current);
        return recorded(version);
      }
      ModelSource source = catalog.locate(version);
      ModelInUse next = ModelInUse.of(source, loadOrRefuse(version, source));
      // Recorded before the swap: if the database fails, nothing has changed.
      record(next);
      serving.serve(next);
      serving.notFollowing(null);
      LOG.info("Activated model version {} from {} (was {})", version, source.name(), current);
      return recorded(version);
    } finally {
      turns.unlock();
    }
  }

  /** Serves {@code loaded} and records it as the version every instance serves. */
  void activateLoaded(ModelInUse loaded) {
    turns.lock();
    try {
      record(loaded);
      serving.serve(loaded);
      serving.notFollowing(null);
    } finally {
      turns.unlock();
    }
  }

  /** Serves no model, for the reason given, and records that no version is active. */
  void deactivate(String reason) {
    turns.lock();
    try {
      store.clearActive();
      serving.serve(ModelInUse.fallback(reason));
      serving.notFollowing(null);
    } finally {
      turns.unlock();
    }
  }

  /**
   * Serves the version activated last by any instance, if it is not served here already. When it
   * cannot be loaded here, the model served stays, and {@code /health} and the log say why.
   *
   * @return whether the version activated last is served here now
   */
  boolean follow() {
    turns.lock();
    try {
      Optional<ModelVersion> active = catalog.active();
      if (active.isEmpty() || active.get().version().equals(serving.current().version())) {
        serving.notFollowing(null);
        lastRefusal = "";
        return active.isPresent();
      }
      String version = active.get().version();
      ModelInUse current = serving.current();
      try {
        ModelSource source = catalog.locate(version);
        RetryModel model = loader.load(source);
        checkVersion(version, source, model);
        serving.serve(ModelInUse.of(source, model));
        serving.notFollowing(null);
        lastRefusal = "";
        LOG.info(
            "Now serving model version {} from {}, activated at {} (was {})",
            version,
            source.name(),
            active.get().activatedAt(),
            current);
        return true;
      } catch (SmartRetryException | ServiceProblem e) {
        refused(version, e.getMessage(), current);
      } catch (RuntimeException e) {
        refused(version, e.toString(), current);
      }
      return false;
    } finally {
      turns.unlock();
    }
  }

  private void refused(String version, String reason, ModelInUse current) {
    String message =
        "model version " + version + ", activated last, cannot be loaded here: " + reason;
    serving.notFollowing(message);
    if (!message.equals(lastRefusal)) {
      LOG.warn("Still serving {}: {}", current, message);
      lastRefusal = message;
    }
  }

  private void record(ModelInUse model) {
    KnownModel known = model.known();
    ModelSource source = Objects.requireNonNull(model.source());
    Optional<ModelArchiveBytes> archive =
        source.directory() != null && !archives.has(known.version())
            ? Optional.of(ModelArchiveBytes.ofDirectory(source.directory()))
            : Optional.empty();
    store.activate(known, clock.instant(), archive);
  }

  /** Loads {@code version} in full, checked, or says why it cannot be used. */
  private RetryModel loadOrRefuse(String version, ModelSource source) {
    RetryModel model;
    try {
      model = loader.load(source);
    } catch (SmartRetryException e) {
      LOG.warn("Refused to activate model version {}: {}", version, e.getMessage());
      throw ServiceProblem.conflict(
          "Model version "
              + version
              + " cannot be loaded: "
              + e.getMessage()
              + ". The live model is unchanged.");
    } catch (RuntimeException e) {
      LOG.warn("Could not load model version {} from {}", version, source.name(), e);
      throw ServiceProblem.conflict(
          "Model version "
              + version
              + " cannot be loaded from "
              + source.name()
              + "; the failure is logged. The live model is unchanged.");
    }
    try {
      checkVersion(version, source, model);
    } catch (SmartRetryException e) {
      LOG.warn("Refused to activate model version {}: {}", version, e.getMessage());
      throw ServiceProblem.conflict(e.getMessage() + ". The live model is unchanged.");
    }
    return model;
  }

  /** A directory can be overwritten with another model after it was listed. */
  private static void checkVersion(String version, ModelSource source, RetryModel model) {
    if (!model.version().equals(version)) {
      throw new SmartRetryException(
          source.name() + " now holds model version " + model.version() + ", not " + version);
    }
  }

  private ModelVersion recorded(String version) {
    return catalog
        .find(version)
        .orElseThrow(() -> new IllegalStateException("activated but not recorded: " + version));
  }
}
