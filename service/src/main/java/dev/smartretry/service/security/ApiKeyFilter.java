package dev.smartretry.service.security;

import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a {@code /v1} request through only with a configured key whose role the route's {@link
 * Allowed} permits. It runs after routing, so it sees the route's annotations; and before the body
 * is read, so an unauthenticated client learns nothing about what the endpoint accepts.
 */
@ServerFilter("/v1/**")
final class ApiKeyFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);

  private final ApiKeys apiKeys;

  ApiKeyFilter(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @RequestFilter
  void authorize(HttpRequest<?> request) {
    Role role =
        BearerToken.of(request).flatMap(apiKeys::roleOf).orElseThrow(ServiceProblem::unauthorized);
    Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
    if (route.isEmpty()) {
      // No endpoint at this path or for this method: Micronaut's 404 or 405 says so.
      return;
    }
    Optional<Role> required =
        route.get().getAnnotationMetadata().enumValue(Allowed.class, Role.class);
    if (required.isEmpty()) {
      // Named by its controller, not the path, which is the client's text.
      LOG.warn(
          "Refused a request to {}: it declares no @Allowed role",
          route.get().getDeclaringType().getName());
      throw ServiceProblem.forbidden();
    }
    if (!role.permits(required.get())) {
      throw ServiceProblem.forbidden();
    }
  }
}
