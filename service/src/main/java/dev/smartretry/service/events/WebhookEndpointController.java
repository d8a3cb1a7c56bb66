package dev.smartretry.service.events;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/webhook-endpoints} (docs/http-api.md, section 7): where events go. */
@Controller("/v1/webhook-endpoints")
@Allowed(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WebhookEndpointController {
  private final EndpointRegistry registry;
  private final EndpointUrls urls;

  WebhookEndpointController(EndpointRegistry registry, EventSettings settings) {
    this.registry = registry;
    this.urls = new EndpointUrls(settings.allowPrivate());
  }

  /** Adds an endpoint: 201 with its secret, shown only here. */
  @Post
  HttpResponse<EndpointJson> add(@Body EndpointRequest request) {
    List<FieldError> errors = new ArrayList<>();
    URI url = null;
    try {
      url = EndpointUrls.parse(request.url());
      urls.refusal(url)
          .ifPresent(reason -> errors.add(new FieldError("url", "refused: " + reason)));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("url", e.getMessage()));
    }
    List<String> events = events(request.events(), errors);
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    EndpointJson endpoint = registry.add(url, events);
    return HttpResponse.created(
        endpoint, UriBuilder.of("/v1/webhook-endpoints").path(endpoint.id()).build());
  }

  @Get
  Map<String, List<EndpointJson>> list() {
    return Map.of("data", registry.all());
  }

  @Get("/{id}")
  EndpointJson endpoint(@PathVariable String id) {
    return registry.find(id).orElseThrow(() -> notFound(id));
  }

  /** Deletes the endpoint and its delivery log: 204. */
  @Delete("/{id}")
  HttpResponse<Void> delete(@PathVariable String id) {
    if (!registry.delete(id)) {
      throw notFound(id);
    }
    return HttpResponse.noContent();
  }

  /** A new secret, shown only here; the old one signs beside it for 24 hours. */
  @Post("/{id}/rotate-secret")
  EndpointJson rotate(@PathVariable String id) {
    return registry.rotate(id).orElseThrow(() -> notFound(id));
  }

  /** The event types asked for, each once, in the order given. */
  private static List<String> events(List<String> asked, List<FieldError> errors) {
    if (asked == null || asked.isEmpty()) {
      errors.add(
          new FieldError(
              "events",
              "is required: a list of event types, or [\"*\"] for all; types are "
                  + EventType.wireNames()));
      return List.of();
    }
    Set<String> events = new LinkedHashSet<>();
    for (int index = 0; index < asked.size(); index++) {
      String type = asked.get(index);
      if (type == null
          || !(type.equals(EventType.ALL) || EventType.fromWireName(type).isPresent())) {
        errors.add(
            new FieldError(
                "events[" + index + "]", "must be \"*\" or one of " + EventType.wireNames()));
      } else {
        events.add(type);
      }
    }
    return List.copyOf(events);
  }

  private static ServiceProblem notFound(String id) {
    return ServiceProblem.notFound("There is no webhook endpoint " + id + ".");
  }
}
