package dev.smartretry.service.models;

import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/models}: admins list the model versions and switch the live one on every instance
 * ({@link ModelUploadController} takes uploads).
 *
 * <p>Both run on the blocking pool: a listing scans the disk and an activation loads a model for up
 * to seconds, which on the event loop would stall the decisions it serves.
 */
@Controller("/v1/models")
@Allowed(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelController {
  private final ModelCatalog catalog;
  private final ModelActivation activation;

  private final RecentEvaluations recent;

  ModelController(ModelCatalog catalog, ModelActivation activation, RecentEvaluations recent) {
    this.catalog = catalog;
    this.activation = activation;
    this.recent = recent;
  }

  /** Every known version, the most recently trained first, with its evaluation. */
  @Get
  List<ModelVersionJson> list() {
    List<ModelVersion> versions = catalog.versions();
    Map<String, RecentEvaluations.RecentEvaluation> figures = recent.of(versions);
    return versions.stream()
        .map(version -> ModelVersionJson.of(version, figures.get(version.version())))
        .toList();
  }

  /**
   * Loads the version in full and makes it live; requests in flight finish on the model they
   * started with. Activating the live version changes nothing.
   */
  @Post("/{version}/activate")
  ModelVersionJson activate(String version) {
    return ModelVersionJson.of(activation.activate(version));
  }
}
