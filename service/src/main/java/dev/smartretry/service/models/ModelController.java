package dev.smartretry.service.models;

import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * {@code /v1/models}: admins list the model versions and switch the live one.
 *
 * <p>Both run on the blocking pool: a listing scans the disk and an activation loads a model for up
 * to seconds, which on the event loop would stall the decisions it serves.
 */
@Controller("/v1/models")
@Allowed(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelController {
  private final ModelRegistry registry;

  ModelController(ModelRegistry registry) {
    this.registry = registry;
  }

  /** Every known version, the most recently trained first, with its evaluation. */
  @Get
  List<ModelVersionJson> list() {
    return registry.versions().stream().map(ModelVersionJson::of).toList();
  }

  /**
   * Loads the version in full and makes it live; requests in flight finish on the model they
   * started with. Activating the live version changes nothing.
   */
  @Post("/{version}/activate")
  ModelVersionJson activate(String version) {
    return ModelVersionJson.of(registry.activate(version));
  }
}
