package dev.smartretry.service.models;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions known to the deployment and where each loads from: the shipped default, the
 * model directories on this instance's disk (rescanned at every listing), and the archives in the
 * database, uploaded or stored by the instance that activated a version from its own disk.
 */
@Singleton
final class ModelCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  private final ModelScanner scanner;
  private final ModelVersionStore store;
  private final ModelArchiveStore archives;
  // The shipped default's description, read once: it cannot change while the service runs.
  private final Supplier<Optional<KnownModel>> shippedDefault =
      SupplierUtil.memoized(ModelCatalog::describeShippedDefault);
  // Every version this instance found on its disk at its last scan, by version.
  private volatile Map<String, KnownModel> found = Map.of();

  ModelCatalog(ModelScanner scanner, ModelVersionStore store, ModelArchiveStore archives) {
    this.scanner = scanner;
    this.store = store;
    this.archives = archives;
  }

  /** Every recorded version, the most recently trained first, after a fresh scan of the disk. */
  List<ModelVersion> versions() {
    refresh();
    return store.all();
  }

  Optional<ModelVersion> find(String version) {
    return store.find(version);
  }

  /** The version activated last, by any instance, if one is. */
  Optional<ModelVersion> active() {
    return store.active();
  }

  /**
   * Where to load {@code version} from: where this instance found it (rescanning if it has not);
   * else its archive in the database; else where its record says, as another instance registered it
   * (which then names the directory that cannot be read here).
   *
   * @throws ServiceProblem 404 if no instance has recorded the version
   */
  ModelSource locate(String version) {
    KnownModel model = found.get(version);
    if (model == null) {
      refresh();
      model = found.get(version);
    }
    if (model != null) {
      return model.preferredSource();
    }
    if (archives.has(version)) {
      return ModelSource.stored(version);
    }
    return store
        .find(version)
        .map(recorded -> ModelSource.named(recorded.source()))
        .orElseThrow(() -> ServiceProblem.notFound("There is no model version " + version + "."));
  }

  /** Scans the disk and records every version found, so that listings and activations see it. */
  void refresh() {
    List<KnownModel> candidates = new ArrayList<>();
    shippedDefault.get().ifPresent(candidates::add);
    for (ModelScanner.Found directory : scanner.scan()) {
      candidates.add(new KnownModel(directory.description(), directory.source()));
    }
    Map<String, KnownModel> byVersion = new LinkedHashMap<>();
    for (KnownModel model : candidates) {
      byVersion.merge(model.version(), model, ModelCatalog::alsoFoundIn);
    }
    store.register(byVersion.values());
    found = Map.copyOf(byVersion);
  }

  private static Optional<KnownModel> describeShippedDefault() {
    try {
      return Optional.of(new KnownModel(ModelDirectory.describeDefault(), ModelSource.DEFAULT));
    } catch (RuntimeException e) {
      LOG.warn("The shipped default model cannot be described; it is not listed: {}", e.toString());
      return Optional.empty();
    }
  }

  private static KnownModel alsoFoundIn(KnownModel first, KnownModel later) {
    List<ModelSource> sources = new ArrayList<>(first.sources());
    later.sources().stream().filter(source -> !sources.contains(source)).forEach(sources::add);
    return new KnownModel(first.description(), sources);
  }
}
