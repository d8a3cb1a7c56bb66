package dev.smartretry.service.problem;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a request can fail ends in application/problem+json, and never in a 5xx for bad input.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemResponsesTest implements TestApiKeys {
  private static final String SECRET = "password=hunter2 in select * from secrets";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("test.problem-endpoints", "true");
    return properties;
  }

  /** Endpoints that exist only for this test, with the shapes other endpoints will have. */
  @Requires(property = "test.problem-endpoints")
  @Controller("/v1/test-problems")
  @Allowed(Role.ADMIN)
  static class TestEndpoints {
    @Serdeable
    record Attempt(Instant attemptedAt, @Nullable String declineCode) {}

    @Serdeable
    record Attempts(List<Attempt> attempts) {}

    @Post("/attempts")
    int attempts(@Body Attempts body) {
      return body.attempts().size();
    }

    @Serdeable
    record Amounts(long amountMinor, int retries, @Nullable Long limit) {}

    @Post("/amounts")
    long amounts(@Body Amounts body) {
      return body.amountMinor();
    }

    @Post("/anything")
    int anything(@Body Map<String, Object> body) {
      return body.size();
    }

    @Get("/count")
    int count(@QueryValue("limit") int limit) {
      return limit;
    }

    @Get("/failure")
    String failure() {
      throw new IllegalStateException(SECRET);
    }
  }

  private Api api() {
    return new Api(client, json);
  }

  @Test
  void malformedJson() {
    Reply reply = api().put("/v1/policies/malformed", ADMIN, "{\"mode\": \"smart\",");

    assertProblem(reply, 400);
    assertThat((String) reply.object().get("detail")).startsWith("The body is not valid JSON");
  }

  @Test
  void aValueOfTheWrongType() {
    Reply reply = api().put("/v1/policies/wrong-type", ADMIN, "{\"max_retries\": \"eight\"}");

    assertProblem(reply, 400);
    assertThat(reply.errors())
        .containsExactly(Map.of("field", "max_retries", "message", "must be a whole number"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"amount_minor\": 49.99, \"retries\": 1}",
        "{\"amount_minor\": \"4999\", \"retries\": 1}",
        "{\"amount_minor\": [4999], \"retries\": 1}",
        "{\"amount_minor\": 1e30, \"retries\": 1}",
        "{\"amount_minor\": true, \"retries\": 1}",
        "{\"amount_minor\": 4999, \"retries\": 1.5}",
        "{\"amount_minor\": 4999, \"retries\": 3000000000}",
        "{\"amount_minor\": 4999, \"retries\": 1, \"limit\": 0.5}",
      })
  void aNumberThatIsNotWholeIsNotTruncated(String body) {
    Reply reply = api().send(post("/v1/test-problems/amounts", body));

    assertProblem(reply, 400);
    assertThat(reply.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.get("message")).isEqualTo("must be a whole number"));
  }

  @Test
  void aWholeNumberIsRead() {
    String body = "{\"amount_minor\": 4999, \"retries\": 2.0, \"limit\": 9007199254740993}";

    assertThat(api().send(post("/v1/test-problems/amounts", body)).body()).isEqualTo("4999");
  }

  @Test
  void aScalarWhereAnArrayBelongs() {
    assertThat(api().put("/v1/policies/wrong-type", ADMIN, "{\"schedule\": \"P1D\"}").errors())
        .containsExactly(Map.of("field", "schedule", "message", "must be a JSON array"));
    assertThat(api().put("/v1/policies/wrong-type", ADMIN, "{\"schedule\": [{}]}").errors())
        .containsExactly(Map.of("field", "schedule[0]", "message", "must be a string"));
  }

  @Test
  void anUnknownFieldIsNamedAsSent() {
    assertThat(api().put("/v1/policies/unknown", ADMIN, "{\"max_retry\": 3}").errors())
        .containsExactly(Map.of("field", "max_retry", "message", "is not a known field"));
    assertThat(api().put("/v1/policies/unknown", ADMIN, "{\"maxRetries\": 3}").errorFields())
        .containsExactly("maxRetries");
  }

  @Test
  void aNestedFieldIsNamedByItsPath() {
    String body =
        """
        {"attempts": [{"attempted_at": "2026-03-01T14:05:00Z"},
                      {"attempted_at": "yesterday", "decline_code": "do_not_honor"}]}
        """;

    Reply reply = api().send(post("/v1/test-problems/attempts", body));

    assertProblem(reply, 400);
    assertThat(reply.errorFields()).containsExactly("attempts[1].attempted_at");
    assertThat(reply.errors().get(0).get("message")).contains("ISO-8601");
  }

  @Test
  void aBodyOfTheWrongShape() {
    Reply array = api().put("/v1/policies/shape", ADMIN, "[]");
    assertProblem(array, 400);
    assertThat(array.object()).containsEntry("detail", "The request body must be a JSON object.");

    Reply object = api().put("/v1/policy-rules", ADMIN, "{}");
    assertProblem(object, 400);
    assertThat(object.object()).containsEntry("detail", "The request body must be a JSON array.");

    Reply empty = api().put("/v1/policies/shape", ADMIN, "");
    assertProblem(empty, 400);
    assertThat(empty.object()).containsEntry("detail", "The request needs a JSON body.");
  }

  @Test
  void aQueryValueOfTheWrongTypeOrMissing() {
    Reply wrong = api().get("/v1/test-problems/count?limit=many", ADMIN);
    assertProblem(wrong, 400);
    assertThat(wrong.errorFields()).containsExactly("limit");

    Reply missing = api().get("/v1/test-problems/count", ADMIN);
    assertProblem(missing, 400);
    assertThat(missing.errors())
        .containsExactly(Map.of("field", "limit", "message", "is required"));
  }

  @Test
  void deeplyNestedJson() {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);

    assertProblem(api().put("/v1/policies/deep", ADMIN, nested), 400);
    assertProblem(api().put("/v1/policy-rules", ADMIN, nested), 400);
    assertProblem(api().put("/v1/policies/deep", ADMIN, "{\"schedule\": " + nested + "}"), 400);
    // Where any JSON is welcome, the parser's nesting limit is what stops it.
    Reply anything = api().send(post("/v1/test-problems/anything", "{\"a\": " + nested + "}"));
    assertProblem(anything, 400);
    assertThat(anything.object())
        .containsEntry("detail", "The JSON body is nested deeper than the 1000 levels allowed.");
  }

  @Test
  void aBodyOverTheLimit() {
    String large = "{\"name\": \"" + "a".repeat(70 * 1024) + "\"}";

    Reply reply = api().put("/v1/policies/large", ADMIN, large);

    assertProblem(reply, 413);
    assertThat(reply.object().get("detail").toString()).contains("up to 65536 bytes");
  }

  @Test
  void saysANumberIsTooLongToRead() {
    String longNumber = "{\"max_retries\": " + "9".repeat(1500) + "}";

    Reply number = api().put("/v1/policies/long", ADMIN, longNumber);

    assertProblem(number, 400);
    assertThat(number.object())
        .containsEntry("detail", "The JSON body holds a number longer than 1000 digits.");
  }

  @Test
  void saysABodyThatIsNotUtf8IsNotUtf8() throws Exception {
    byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/policies/latin"))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1))
            .build();

    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("The body is not valid UTF-8 (line 1, column");
  }

  @Test
  void aChunkedBodyOverTheLimit() throws Exception {
    byte[] large =
        ("{\"name\": \"" + "a".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    // An input stream has no known length, so the body goes in chunks, without Content-Length.
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/policies/large"))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .PUT(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(large)))
            .build();

    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient().send(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void anUnknownPathWrongMethodOrWrongMediaType() {
    assertProblem(api().get("/v1/nothing-here", ADMIN), 404);

    Reply wrongMethod = api().send(post("/v1/policies", "{}"));
    assertProblem(wrongMethod, 405);
    assertThat(wrongMethod.headers().get("Allow")).contains("GET");

    Reply wrongType =
        api()
            .send(
                HttpRequest.PUT("/v1/policies/text", "mode=smart")
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .bearerAuth(ADMIN));
    assertProblem(wrongType, 415);
  }

  @Test
  void anUnexpectedFailureSaysNothingOfItsCause() {
    Reply reply = api().get("/v1/test-problems/failure", ADMIN);

    assertProblem(reply, 500);
    assertThat(reply.body()).doesNotContain("hunter2", "secrets", "Exception", "dev.smartretry");
  }

  private static MutableHttpRequest<?> post(String path, String body) {
    return HttpRequest.POST(path, body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .bearerAuth(ADMIN);
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.object())
        .containsEntry("type", "about:blank")
        .containsEntry("status", status)
        .containsKey("title");
    assertThat(reply.body()).doesNotContain("\tat ", "Exception");
  }
}
