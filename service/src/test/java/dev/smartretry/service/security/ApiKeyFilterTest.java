package dev.smartretry.service.security;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyFilterTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("test.security-endpoints", "true");
    return properties;
  }

  /** Endpoints that exist only for this test. */
  @Requires(property = "test.security-endpoints")
  @Controller("/v1/test-security")
  @Allowed(Role.VIEWER)
  static class TestEndpoints {
    @Get("/viewer")
    String viewer() {
      return "viewed";
    }

    @Get("/billing")
    @Allowed(Role.BILLING)
    String billing() {
      return "billed";
    }
  }

  /** An endpoint whose author forgot to say who may call it. */
  @Requires(property = "test.security-endpoints")
  @Controller("/v1/test-undeclared")
  static class UndeclaredEndpoint {
    @Get
    String open() {
      return "should never be reached";
    }
  }

  private Api api() {
    return new Api(client, json);
  }

  @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
  @CsvSource({
    "GET, /v1/policies, , 401",
    "GET, /v1/policies, wrong-key, 401",
    "GET, /v1/policies, " + VIEWER + ", 403",
    "GET, /v1/policies, " + BILLING + ", 403",
    "GET, /v1/policies, " + ADMIN + ", 200",
    "GET, /v1/policies/default, , 401",
    "GET, /v1/policies/default, wrong-key, 401",
    "GET, /v1/policies/default, " + VIEWER + ", 403",
    "GET, /v1/policies/default, " + BILLING + ", 403",
    "GET, /v1/policies/default, " + ADMIN + ", 200",
    "PUT, /v1/policies/auth-matrix, , 401",
    "PUT, /v1/policies/auth-matrix, wrong-key, 401",
    "PUT, /v1/policies/auth-matrix, " + VIEWER + ", 403",
    "PUT, /v1/policies/auth-matrix, " + BILLING + ", 403",
    "PUT, /v1/policies/auth-matrix, " + ADMIN + ", 201",
    "DELETE, /v1/policies/auth-missing, , 401",
    "DELETE, /v1/policies/auth-missing, wrong-key, 401",
    "DELETE, /v1/policies/auth-missing, " + VIEWER + ", 403",
    "DELETE, /v1/policies/auth-missing, " + BILLING + ", 403",
    "DELETE, /v1/policies/auth-missing, " + ADMIN + ", 404",
    "GET, /v1/policy-rules, , 401",
    "GET, /v1/policy-rules, wrong-key, 401",
    "GET, /v1/policy-rules, " + VIEWER + ", 403",
    "GET, /v1/policy-rules, " + BILLING + ", 403",
    "GET, /v1/policy-rules, " + ADMIN + ", 200",
    "PUT, /v1/policy-rules, , 401",
    "PUT, /v1/policy-rules, wrong-key, 401",
    "PUT, /v1/policy-rules, " + VIEWER + ", 403",
    "PUT, /v1/policy-rules, " + BILLING + ", 403",
    "PUT, /v1/policy-rules, " + ADMIN + ", 200",
  })
  void admitsOnlyTheRolesAnEndpointAllows(String method, String path, String key, int status) {
    String body = path.equals("/v1/policy-rules") ? "[]" : "{}";
    MutableHttpRequest<?> request =
        HttpRequest.create(HttpMethod.valueOf(method), path)
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    if (!method.equals("GET") && !method.equals("DELETE")) {
      request = request.body(body);
    }
    if (key != null) {
      request.bearerAuth(key);
    }

    Reply reply = api().send(request);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    if (status == 401 || status == 403) {
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.object()).containsEntry("status", status).containsKeys("title", "detail");
    }
    if (status == 401) {
      assertThat(reply.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
    }
  }

  @Test
  void letsAdminAndTheNamedRoleInOnly() {
    assertThat(api().get("/v1/test-security/viewer", VIEWER).status()).isEqualTo(200);
    assertThat(api().get("/v1/test-security/viewer", ADMIN).status()).isEqualTo(200);
    assertThat(api().get("/v1/test-security/viewer", BILLING).status()).isEqualTo(403);
  }

  @Test
  void aMethodsRoleOverridesItsControllers() {
    assertThat(api().get("/v1/test-security/billing", BILLING).status()).isEqualTo(200);
    assertThat(api().get("/v1/test-security/billing", ADMIN).status()).isEqualTo(200);
    assertThat(api().get("/v1/test-security/billing", VIEWER).status()).isEqualTo(403);
  }

  @Test
  void refusesEveryKeyOnAnEndpointThatDeclaresNoRole() {
    for (String key : new String[] {ADMIN, BILLING, VIEWER}) {
      Reply refused = api().get("/v1/test-undeclared", key);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("should never be reached");
    }
    assertThat(api().send(HttpRequest.GET("/v1/test-undeclared")).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @CsvSource({
    "bearer " + ADMIN + ", 200",
    "BEARER   " + ADMIN + "  , 200",
    "Basic " + ADMIN + ", 401",
    "Bearer, 401",
    "Bearer " + ADMIN + "x, 401",
    ADMIN + ", 401",
  })
  void readsTheKeyFromABearerAuthorization(String authorization, int status) {
    Reply reply =
        api().send(HttpRequest.GET("/v1/policies").header("Authorization", authorization));

    assertThat(reply.status()).isEqualTo(status);
  }

  @Test
  void asksForTheKeyBeforeReadingTheBody() {
    Reply reply =
        api()
            .send(
                HttpRequest.PUT("/v1/policies/unread", "{not json")
                    .contentType(MediaType.APPLICATION_JSON_TYPE));

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void saysNothingOfWhetherAnUnknownPathExistsBeforeTheKeyIsKnown() {
    assertThat(api().send(HttpRequest.GET("/v1/no-such-endpoint")).status()).isEqualTo(401);
    Reply known = api().get("/v1/no-such-endpoint", VIEWER);
    assertThat(known.status()).isEqualTo(404);
    assertThat(known.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void leavesHealthOpen() {
    assertThat(api().send(HttpRequest.GET("/health")).status()).isEqualTo(200);
  }
}
