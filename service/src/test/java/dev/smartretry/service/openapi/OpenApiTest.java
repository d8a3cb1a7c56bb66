package dev.smartretry.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.UsesTestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest implements UsesTestDatabase {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Test
  void servesTheGeneratedDocumentWithoutAKey() {
    Reply reply = new Api(client, json).send(HttpRequest.GET("/openapi.yml"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/yaml");
    assertThat(reply.body())
        .startsWith("openapi: 3.")
        .contains("title: Smart Retry")
        .contains("  /v1/policies:", "  /v1/policies/{name}:", "  /v1/policy-rules:")
        .contains("  /v1/models:", "  /v1/models/{version}/activate:")
        // The names on the wire, not the records' Java names.
        .contains("max_retries:", "roc_auc:")
        .doesNotContain("maxRetries:")
        .doesNotContain("/openapi.yml");
  }
}
