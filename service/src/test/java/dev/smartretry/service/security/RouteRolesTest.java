package dev.smartretry.service.security;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call each route (docs/http-api.md): one row per route the service has, and the table is
 * checked against Micronaut's router, so a route added without a row fails here before it ships
 * with the wrong role.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteRolesTest implements TestApiKeys {
  private static final Map<Role, String> KEYS =
      Map.of(Role.BILLING, BILLING, Role.ADMIN, ADMIN, Role.VIEWER, VIEWER);

  /** Every route; {@code role} null means open to anyone. */
  private static final List<RouteRole> ROUTES =
      List.of(
          needs(Role.BILLING, "POST", "/v1/retry-decisions"),
          needs(Role.BILLING, "POST", "/v1/payment-failures"),
          needs(Role.BILLING, "GET", "/v1/payment-failures"),
          needs(Role.BILLING, "GET", "/v1/payment-failures/{invoiceId}"),
          needs(Role.BILLING, "POST", "/v1/payment-failures/{invoiceId}/resolve"),
          needs(Role.BILLING, "POST", "/v1/attempts"),
          needs(Role.ADMIN, "GET", "/v1/policies"),
          needs(Role.ADMIN, "GET", "/v1/policies/{name}"),
          needs(Role.ADMIN, "PUT", "/v1/policies/{name}"),
          needs(Role.ADMIN, "DELETE", "/v1/policies/{name}"),
          needs(Role.ADMIN, "GET", "/v1/policy-rules"),
          needs(Role.ADMIN, "PUT", "/v1/policy-rules"),
          needs(Role.ADMIN, "GET", "/v1/models"),
          needs(Role.ADMIN, "POST", "/v1/models"),
          needs(Role.ADMIN, "POST", "/v1/models/{version}/activate"),
          needs(Role.ADMIN, "POST", "/v1/webhook-endpoints"),
          needs(Role.ADMIN, "GET", "/v1/webhook-endpoints"),
          needs(Role.ADMIN, "GET", "/v1/webhook-endpoints/{id}"),
          needs(Role.ADMIN, "DELETE", "/v1/webhook-endpoints/{id}"),
          needs(Role.ADMIN, "POST", "/v1/webhook-endpoints/{id}/rotate-secret"),
          needs(Role.ADMIN, "GET", "/v1/webhook-deliveries"),
          needs(Role.ADMIN, "GET", "/v1/webhook-deliveries/{id}"),
          needs(Role.ADMIN, "POST", "/v1/webhook-deliveries/{id}/retry"),
          needs(Role.VIEWER, "GET", "/v1/metrics/recovery"),
          needs(Role.VIEWER, "GET", "/v1/metrics/uplift"),
          needs(Role.VIEWER, "GET", "/v1/metrics/time-to-recovery"),
          needs(Role.VIEWER, "GET", "/v1/metrics/calibration"),
          open("GET", "/health"),
          open("GET", "/health/{selector}"),
          open("GET", "/prometheus"),
          open("GET", "/openapi.yml"));

  /** Static files, which the router serves without a route of their own. */
  private static final List<RouteRole> OPEN_FILES =
      List.of(open("GET", "/dashboard/index.html"), open("GET", "/dashboard/dashboard.js"));

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Inject Router router;

  /**
   * The table's routes and the HEAD route Micronaut adds beside every GET one, with the same
   * annotations and so the same role.
   */
  private static final List<RouteRole> ROUTES_AND_HEADS =
      ROUTES.stream()
          .flatMap(
              route ->
                  route.method() == HttpMethod.GET
                      ? Stream.of(route, new RouteRole(HttpMethod.HEAD, route.path(), route.role()))
                      : Stream.of(route))
          .toList();

  @Test
  void theTableListsEveryRouteTheRouterHas() {
    Set<String> routed =
        router
            .uriRoutes()
            .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
            .collect(Collectors.toSet());

    assertThat(routed)
        .containsExactlyInAnyOrderElementsOf(
            ROUTES_AND_HEADS.stream().map(RouteRole::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guarded")
  void refusesAMissingOrUnknownKey(RouteRole route) {
    assertRefused(api().send(route.request(null)), 401);
    assertRefused(api().send(route.request("not-a-configured-key")), 401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guarded")
  void refusesTheKeyOfEveryOtherRole(RouteRole route) {
    for (Role role : Role.values()) {
      if (!role.permits(route.role())) {
        assertRefused(api().send(route.request(KEYS.get(role))), 403);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guarded")
  void letsTheRoleAndAdminIn(RouteRole route) {
    for (Role role : EnumSet.of(route.role(), Role.ADMIN)) {
      Reply reply = api().send(route.request(KEYS.get(role)));
      // Admitted, then refused as invalid or not found; a 500 would be a bug the table found.
      assertThat(reply.status()).as(role + ": " + reply).isNotIn(401, 403, 500);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("open")
  void leavesOpenRoutesOpen(RouteRole route) {
    Reply reply = api().send(route.request(null));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  Stream<RouteRole> guarded() {
    return ROUTES_AND_HEADS.stream().filter(route -> route.role() != null);
  }

  Stream<RouteRole> open() {
    return Stream.concat(ROUTES_AND_HEADS.stream(), OPEN_FILES.stream())
        .filter(route -> route.role() == null);
  }

  private Api api() {
    return new Api(client, json);
  }

  private static void assertRefused(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
  }

  private static RouteRole needs(Role role, String method, String path) {
    return new RouteRole(HttpMethod.valueOf(method), path, role);
  }

  private static RouteRole open(String method, String path) {
    return new RouteRole(HttpMethod.valueOf(method), path, null);
  }

  /** A route and the role it requires (admin may call every route); null: open. */
  record RouteRole(HttpMethod method, String path, @Nullable Role role) {
    String name() {
      return method + " " + path;
    }

    /**
     * A call of the route with {@code key}. Parameters are made-up values and bodies a JSON string,
     * which no endpoint accepts: an admitted call is refused later, as invalid or not found, and
     * changes nothing in the shared database.
     */
    MutableHttpRequest<?> request(@Nullable String key) {
      String concrete =
          path.replace("{selector}", "liveness").replaceAll("\\{[^}]+}", "route-roles-unknown");
      MutableHttpRequest<Object> request = HttpRequest.create(method, concrete);
      if (method == HttpMethod.POST || method == HttpMethod.PUT) {
        // The upload route matches gzip bodies only; a JSON body would not reach its filter.
        boolean upload = path.equals("/v1/models");
        request =
            upload
                ? request.contentType("application/gzip").body(new byte[] {1, 2, 3})
                : request.contentType(MediaType.APPLICATION_JSON_TYPE).body("\"route-roles\"");
      }
      if (key != null) {
        request.bearerAuth(key);
      }
      return request;
    }

    @Override
    public String toString() {
      return name() + (role == null ? " (open)" : " (" + role + ")");
    }
  }
}
