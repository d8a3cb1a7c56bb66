package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.RetryModel;
import dev.smartretry.service.database.TableChanges;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.order.Ordered;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the model an instance starts with, before anything else starts (the scheduler's first
 * retry included), and then follows every activation.
 *
 * <p>The model is, in this order: the {@code SMART_RETRY_MODEL} directory, recorded as an
 * activation (a directory that does not load stops the start, naming it and the reason); none, for
 * {@value ModelSettings#NONE}, recorded as no version active; the version activated last by any
 * instance; the shipped default, recorded when nothing was activated before. A last activated
 * version that does not load here is logged as an error and the shipped default is served
 * meanwhile, unrecorded, so that one bad version cannot keep every instance from starting.
 */
@Singleton
final class ModelStartup implements ApplicationEventListener<StartupEvent>, Ordered {
  /** The table whose changes (migration V11) say that another version was activated. */
  static final String ACTIVATIONS_TABLE = "model_versions";

  private static final Logger LOG = LoggerFactory.getLogger(ModelStartup.class);

  private final ModelSettings settings;
  private final ModelCatalog catalog;
  private final ModelLoader loader;
  private final ModelActivation activation;
  private final ServingModel serving;
  private final TableChanges changes;
  private final ExecutorService executor;
  private final AtomicBoolean followPending = new AtomicBoolean();

  ModelStartup(
      ModelSettings settings,
      ModelCatalog catalog,
      ModelLoader loader,
      ModelActivation activation,
      ServingModel serving,
      TableChanges changes,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.settings = settings;
    this.catalog = catalog;
    this.loader = loader;
    this.activation = activation;
    this.serving = serving;
    this.changes = changes;
    this.executor = executor;
  }

  @Override
  public int getOrder() {
    // Before the scheduler's and the webhooks' start-up: their first decisions need the model.
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    start();
    changes.follow(ACTIVATIONS_TABLE, this::followSoon);
    LOG.info(
        "Models: {}; activatable versions are also looked for in {}",
        serving.current().describe(),
        settings.modelsDirectory());
  }

  private void start() {
    if (settings.modelDirectory().isPresent()) {
      ModelSource source = ModelSource.of(settings.modelDirectory().get());
      activation.activateLoaded(ModelInUse.of(source, loadNamed(source)));
      return;
    }
    if (settings.noModel()) {
      activation.deactivate(
          ModelSettings.MODEL_SETTING
              + " is "
              + ModelSettings.NONE
              + ": decisions follow their policies' fixed schedules");
      return;
    }
    if (catalog.active().isPresent()) {
      if (activation.follow()) {
        return;
      }
      LOG.error(
          "The model version activated last cannot be loaded here; serving the shipped default"
              + " meanwhile: {}",
          serving.health().get("not_following"));
      serveShippedDefault(false);
      return;
    }
    serveShippedDefault(true);
  }

  private void serveShippedDefault(boolean record) {
    RetryModel model;
    try {
      model = loader.load(ModelSource.DEFAULT);
    } catch (RuntimeException e) {
      // The service still decides, on fixed schedules; it must not go down for this.
      LOG.error(
          "The shipped default model could not be loaded; decisions follow their policies'"
              + " fixed schedules until a model is activated",
          e);
      serving.serve(
          ModelInUse.fallback(
              "the shipped default model could not be loaded ("
                  + e.getMessage()
                  + "): decisions follow their policies' fixed schedules"));
      return;
    }
    ModelInUse shipped = ModelInUse.of(ModelSource.DEFAULT, model);
    if (record) {
      activation.activateLoaded(shipped);
    } else {
      serving.serve(shipped);
    }
  }

  private RetryModel loadNamed(ModelSource source) {
    try {
      return loader.load(source);
    } catch (RuntimeException e) {
      // A refusal's reason says it all and is the root cause, so the start's error shows it; an
      // unexpected failure keeps its cause for the stack trace.
      boolean refused = e instanceof SmartRetryException;
      throw new ConfigurationException(
          ModelSettings.MODEL_SETTING
              + " names the model directory "
              + source.name()
              + ", which cannot be loaded: "
              + (refused ? e.getMessage() : e.toString()),
          refused ? null : e);
    }
  }

  /**
   * Called on the thread that listens for changes, which must not load models: hands the follow to
   * the blocking pool, once for any number of notifications that arrive meanwhile.
   */
  private void followSoon() {
    if (!followPending.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            followPending.set(false);
            activation.follow();
          });
    } catch (RejectedExecutionException e) {
      // The service is shutting down.
      followPending.set(false);
    }
  }
}
