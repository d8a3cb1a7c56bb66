package dev.smartretry.service.models;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The service started with {@code SMART_RETRY_MODEL=none}. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoModelTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject ServingModel serving;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("smart-retry.model", "none");
    return properties;
  }

  private Api api() {
    return new Api(client, json);
  }

  @Test
  @SuppressWarnings("unchecked")
  void runsWithoutAModelSaysSoAndCanStillActivateOne() {
    String defaultVersion = ModelDirectories.shippedDefault().version();

    assertThat(serving.live()).isEmpty();
    Reply health = api().send(HttpRequest.GET("/health").bearerAuth(ADMIN));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.object()).containsEntry("status", "UP");
    Map<String, Object> model = model(health);
    assertThat(model).containsEntry("status", "UP");
    assertThat(details(model))
        .containsEntry("fallback", true)
        .doesNotContainKey("version")
        .extractingByKey("reason")
        .asString()
        .contains("none", "fixed schedules");
    assertThat(api().send(HttpRequest.GET("/prometheus")).body())
        .doesNotContain("smart_retry_model_info{");
    // The shipped default is still known, and nothing is recorded as active.
    List<Object> listed = api().get("/v1/models", ADMIN).array();
    assertThat(listed)
        .anySatisfy(
            entry ->
                assertThat((Map<String, Object>) entry)
                    .containsEntry("version", defaultVersion)
                    .containsEntry("source", "classpath:default"));
    assertThat(listed)
        .allSatisfy(
            entry -> assertThat((Map<String, Object>) entry).containsEntry("active", false));

    Reply activated =
        api()
            .send(
                HttpRequest.create(HttpMethod.POST, "/v1/models/" + defaultVersion + "/activate")
                    .bearerAuth(ADMIN));

    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    assertThat(serving.live().orElseThrow().version()).isEqualTo(defaultVersion);
    assertThat(details(model(api().send(HttpRequest.GET("/health").bearerAuth(ADMIN)))))
        .containsEntry("version", defaultVersion)
        .doesNotContainKey("fallback");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Reply health) {
    return (Map<String, Object>)
        ((Map<String, Object>) health.object().get("details")).get("model");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Map<String, Object> result) {
    return (Map<String, Object>) result.get("details");
  }
}
