package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.RetryModel;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live model, and the model versions that can replace it without a restart.
 *
 * <p>At start ({@link Context}, so before the service answers anything) it loads the model {@link
 * ModelSettings} names: the {@code SMART_RETRY_MODEL} directory, whose failure to load stops the
 * start with the directory and the reason; nothing, for {@value ModelSettings#NONE}; else the
 * shipped default, whose failure to load is logged and leaves the service without a model rather
 * than down. Without a model, decisions follow their policies' fixed schedules (reason {@code
 * fallback}).
 *
 * <p>{@link #live()} is one read of an {@link AtomicReference}: no I/O, no lock, nothing that a
 * decision could wait on. {@link #activate} loads and checks the new model completely before it
 * swaps the reference in one step, so a request that already took the old model finishes on it and
 * no request sees half of either. Activations take turns on a lock, so two cannot interleave.
 */
@Context
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final ModelScanner scanner;
  private final ModelVersionStore store;
  private final ModelInfoGauge gauge;
  private final Clock clock;
  private final AtomicReference<Live> live;
  private final ReentrantLock activations = new ReentrantLock();
  // The shipped default's description, read once: it cannot change while the service runs.
  private final @Nullable KnownModel shippedDefault;
  // Every version this instance found at its last scan, by version.
  private volatile Map<String, KnownModel> known = Map.of();

  ModelRegistry(
      ModelSettings settings,
      ModelScanner scanner,
      ModelVersionStore store,
      ModelInfoGauge gauge,
      Clock clock) {
    this.scanner = scanner;
    this.store = store;
    this.gauge = gauge;
    this.clock = clock;
    Live initial = initial(settings);
    this.live = new AtomicReference<>(initial);
    this.shippedDefault = shippedDefault(settings, initial);
    refresh();
    if (initial.model().isPresent()) {
      store.activate(initial.known(), clock.instant());
    } else {
      store.clearActive();
    }
    gauge.show(initial.version());
    LOG.info(
        "Models: {}; activatable versions are also looked for in {}",
        initial.describe(),
        scanner.modelsDirectory());
  }

  /**
   * The model decisions should use now, or empty if there is none (the policies' fixed schedules
   * apply). Take it once per request and use that one throughout.
   */
  public Optional<LiveModel> live() {
    return live.get().model();
  }

  /** Every recorded version, the most recently trained first, after a fresh scan of the disk. */
  List<ModelVersion> versions() {
    refresh();
    return store.all();
  }

  /**
   * Makes {@code version} the live model.
   *
   * @return its record, now active
   * @throws ServiceProblem 404 if the version is not known; 409 if it no longer loads, the live
   *     model then unchanged
   */
  ModelVersion activate(String version) {
    activations.lock();
    try {
      Live current = live.get();
      if (version.equals(current.version())) {
        // Already live here: only the record may lag, if another instance activated since.
        store.activate(current.known(), clock.instant());
        return record(version);
      }
      ModelSource source = locate(version);
      RetryModel model = load(version, source);
      Live next = Live.of(source, model);
      // Recorded before the swap: if the database fails, nothing has changed.
      store.activate(next.known(), clock.instant());
      live.set(next);
      gauge.show(version);
      LOG.info("Activated model version {} from {} (was {})", version, source.name(), current);
      return record(version);
    } finally {
      activations.unlock();
    }
  }

  /** What {@code /health} says of the models. */
  Map<String, Object> health() {
    Live current = live.get();
    Map<String, Object> details = new LinkedHashMap<>();
    if (current.model().isPresent()) {
      details.put("version", current.version());
      details.put("source", Objects.requireNonNull(current.source()).name());
    } else {
      details.put("fallback", true);
      details.put("reason", current.fallbackReason());
    }
    return details;
  }

  private static Live initial(ModelSettings settings) {
    if (settings.modelDirectory().isPresent()) {
      ModelSource source = ModelSource.of(settings.modelDirectory().get());
      try {
        return Live.of(source, source.load());
      } catch (SmartRetryException e) {
        // The reason says it all; it is the root cause, so the start's error shows it.
        throw new ConfigurationException(
            ModelSettings.MODEL_SETTING
                + " names the model directory "
                + source.name()
                + ", which cannot be loaded: "
                + e.getMessage());
      } catch (RuntimeException e) {
        throw new ConfigurationException(
            ModelSettings.MODEL_SETTING
                + " names the model directory "
                + source.name()
                + ", which cannot be loaded: "
                + e,
            e);
      }
    }
    if (settings.noModel()) {
      return Live.fallback(
          ModelSettings.MODEL_SETTING
              + " is "
              + ModelSettings.NONE
              + ": decisions follow their policies' fixed schedules");
    }
    try {
      return Live.of(ModelSource.DEFAULT, ModelSource.DEFAULT.load());
    } catch (RuntimeException e) {
      // The service still decides, on fixed schedules; it must not go down for this.
      LOG.error(
          "The shipped default model could not be loaded; decisions follow their policies'"
              + " fixed schedules until a model is activated",
          e);
      return Live.fallback(
          "the shipped default model could not be loaded ("
              + e.getMessage()
              + "): decisions follow their policies' fixed schedules");
    }
  }

  /**
   * The shipped default, to list it and to activate it later. Unless it is the live model, it is
   * loaded here just for its description: a jar holds no directory to describe.
   */
  private static @Nullable KnownModel shippedDefault(ModelSettings settings, Live initial) {
    if (initial.source() == ModelSource.DEFAULT) {
      return initial.known();
    }
    if (settings.modelDirectory().isEmpty() && !settings.noModel()) {
      // It was the model to start with and failed to load; that has been logged.
      return null;
    }
    try {
      return new KnownModel(ModelSource.DEFAULT.load().description(), ModelSource.DEFAULT);
    } catch (RuntimeException e) {
      LOG.warn("The shipped default model could not be loaded; it is not listed: {}", e.toString());
      return null;
    }
  }

  /** Scans the disk and records every version found, so that listings and activations see it. */
  private void refresh() {
    List<KnownModel> found = new ArrayList<>();
    if (shippedDefault != null) {
      found.add(shippedDefault);
    }
    for (ModelScanner.Found directory : scanner.scan()) {
      found.add(new KnownModel(directory.description(), directory.source()));
    }
    Map<String, KnownModel> byVersion = new LinkedHashMap<>();
    for (KnownModel model : found) {
      byVersion.merge(model.version(), model, ModelRegistry::alsoFoundIn);
    }
    store.register(byVersion.values());
    known = Map.copyOf(byVersion);
  }

  private static KnownModel alsoFoundIn(KnownModel first, KnownModel later) {
    List<ModelSource> sources = new ArrayList<>(first.sources());
    later.sources().stream().filter(source -> !sources.contains(source)).forEach(sources::add);
    return new KnownModel(first.description(), sources);
  }

  /**
   * Where to load {@code version} from: where this instance found it, rescanning if it has not;
   * else where the record says, as another instance registered it.
   */
  private ModelSource locate(String version) {
    KnownModel model = known.get(version);
    if (model == null) {
      refresh();
      model = known.get(version);
    }
    if (model != null) {
      return model.preferredSource();
    }
    return store
        .find(version)
        .map(recorded -> ModelSource.named(recorded.source()))
        .orElseThrow(() -> ServiceProblem.notFound("There is no model version " + version + "."));
  }

  /** Loads {@code version} in full, checked, or says why it cannot be used. */
  private static RetryModel load(String version, ModelSource source) {
    RetryModel model;
    try {
      model = source.load();
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
    if (!model.version().equals(version)) {
      LOG.warn(
          "Refused to activate model version {}: {} now holds {}",
          version,
          source.name(),
          model.version());
      throw ServiceProblem.conflict(
          source.name()
              + " now holds model version "
              + model.version()
              + ", not "
              + version
              + ". The live model is unchanged.");
    }
    return model;
  }

  private ModelVersion record(String version) {
    return store
        .find(version)
        .orElseThrow(() -> new IllegalStateException("activated but not recorded: " + version));
  }

  /**
   * What {@link #live} hands out, with where it came from; or, with no model, why.
   *
   * @param model kept as an {@link Optional} so that {@link #live()} allocates nothing
   */
  private record Live(
      Optional<LiveModel> model, @Nullable ModelSource source, @Nullable String fallbackReason) {
    static Live of(ModelSource source, RetryModel model) {
      return new Live(Optional.of(new LiveModel(model.version(), model)), source, null);
    }

    static Live fallback(String reason) {
      return new Live(Optional.empty(), null, reason);
    }

    @Nullable
    String version() {
      return model.map(LiveModel::version).orElse(null);
    }

    KnownModel known() {
      LiveModel loaded = model.orElseThrow();
      return new KnownModel(loaded.model().description(), Objects.requireNonNull(source));
    }

    String describe() {
      return model.isPresent()
          ? "live version " + version() + " from " + Objects.requireNonNull(source).name()
          : "no live model, " + fallbackReason;
    }

    @Override
    public String toString() {
      return model.isPresent() ? version() : "no model";
    }
  }
}
