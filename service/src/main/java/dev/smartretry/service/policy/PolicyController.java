package dev.smartretry.service.policy;

import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code /v1/policies}: admins list, read, create, replace and delete policies. */
@Controller("/v1/policies")
// Every endpoint reads or writes the database: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
final class PolicyController {
  private final PolicyStore store;

  PolicyController(PolicyStore store) {
    this.store = store;
  }

  @Get
  List<PolicyJson> list() {
    return store.all().stream().map(PolicyJson::of).toList();
  }

  @Get("/{name}")
  PolicyJson get(String name) {
    return store
        .find(name)
        .map(PolicyJson::of)
        .orElseThrow(() -> ServiceProblem.notFound("There is no policy named " + name + "."));
  }

  /** Creates the policy (201) or replaces it (200); the body's {@code name} may be left out. */
  @Put("/{name}")
  HttpResponse<PolicyJson> put(String name, @Body PolicyJson body) {
    Policy policy = body.toPolicy(name, "");
    PolicyJson stored = PolicyJson.of(policy);
    if (store.save(policy)) {
      return HttpResponse.created(
          stored, UriBuilder.of("/v1/policies").path(policy.name()).build());
    }
    return HttpResponse.ok(stored);
  }

  @Delete("/{name}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name) {
    store.delete(name);
  }
}
