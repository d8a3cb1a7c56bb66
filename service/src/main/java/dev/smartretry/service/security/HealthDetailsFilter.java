package dev.smartretry.service.security;

import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health} is open, for load balancers and orchestrators: to anyone it says the status and
 * each component's status, and the clock the scheduler goes by (the time is no secret, and a
 * billing system waiting on a simulation clock, as the demo gateway does, reads it). The details
 * (the database, the model and where it was loaded from, the scheduler's backlog) are for an admin
 * key ({@code Authorization: Bearer ...}), since they tell an outsider about the deployment.
 */
@ServerFilter({"/health", "/health/**"})
final class HealthDetailsFilter {
  private static final String CLOCK = "clock";

  private final ApiKeys apiKeys;

  HealthDetailsFilter(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @ResponseFilter
  void hideDetailsFromAllButAdmins(HttpRequest<?> request, MutableHttpResponse<?> response) {
    boolean admin =
        BearerToken.of(request)
            .flatMap(apiKeys::roleOf)
            .filter(role -> role.permits(Role.ADMIN))
            .isPresent();
    if (admin) {
      return;
    }
    response
        .getBody(HealthResult.class)
        .ifPresent(result -> replaceBody(response, statusOnly(result)));
  }

  /** The result with its components' statuses and none of their details. */
  private static Map<String, Object> statusOnly(HealthResult result) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", result.getName());
    summary.put("status", result.getStatus());
    if (result.getDetails() instanceof Map<?, ?> components) {
      Map<String, Object> statuses = new LinkedHashMap<>();
      components.forEach(
          (name, component) -> statuses.put(String.valueOf(name), statusOf(component)));
      summary.put("details", statuses);
    }
    return summary;
  }

  private static Map<String, Object> statusOf(Object component) {
    if (!(component instanceof HealthResult result)) {
      return Map.of("status", HealthStatus.UNKNOWN);
    }
    if (result.getDetails() instanceof Map<?, ?> details && details.get(CLOCK) != null) {
      return Map.of("status", result.getStatus(), "details", Map.of(CLOCK, details.get(CLOCK)));
    }
    return Map.of("status", result.getStatus());
  }

  @SuppressWarnings("unchecked")
  private static void replaceBody(MutableHttpResponse<?> response, Object body) {
    ((MutableHttpResponse<Object>) response).body(body);
  }
}
