package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without {@code SMART_RETRY_GATEWAY_URL} nothing registered could be retried: none is taken. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoGatewayTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Test
  void registrationAnswers503NamingTheSetting() throws Exception {
    Reply reply =
        new Api(client, json)
            .post(
                "/v1/payment-failures",
                BILLING,
                json.writeValueAsString(registration("in_no_gateway")));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat((String) reply.object().get("detail")).contains("SMART_RETRY_GATEWAY_URL");
    assertThat(new Api(client, json).get("/v1/payment-failures/in_no_gateway", BILLING).status())
        .isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthSaysTheSchedulerIsOffAndWhy() {
    Map<String, Object> health = new Api(client, json).get("/health", ADMIN).object();

    Map<String, Object> scheduler =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) health.get("details")).get("scheduler"))
                .get("details");
    assertThat(scheduler).containsEntry("enabled", false);
    assertThat((String) scheduler.get("reason")).contains("SMART_RETRY_GATEWAY_URL");
  }
}
