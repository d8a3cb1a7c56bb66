package dev.smartretry.service.security;

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

/** The service started without any API key. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoApiKeysTest implements UsesTestDatabase {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Test
  void refusesEveryV1RequestButKeepsHealthOpen() {
    Api api = new Api(client, json);

    Reply refused = api.get("/v1/policies", "any-key-at-all");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(api.send(HttpRequest.GET("/health")).status()).isEqualTo(200);
  }
}
