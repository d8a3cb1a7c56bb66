package dev.smartretry.service.decision;

import static dev.smartretry.service.testing.DecisionRequests.FIRST_FAILURE;
import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.DecisionRequests.valid;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a usable model, a smart policy follows its schedule, with reason fallback: no 5xx. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionFallbackTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("smart-retry.model", "none");
    return properties;
  }

  private Reply decide(Map<String, Object> request) throws IOException {
    return new Api(client, json)
        .send(
            HttpRequest.POST("/v1/retry-decisions", json.writeValueAsString(request))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(BILLING));
  }

  @Test
  void followsTheDefaultPolicysScheduleWithoutAModel() throws IOException {
    Reply first = decide(valid());

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.object())
        .containsEntry("decision", "retry")
        .containsEntry("reason", "fallback")
        .containsEntry("next_attempt_at", "2026-03-02T14:05:00Z")
        .containsEntry("success_probability", null)
        .containsEntry("model_version", null);

    Map<String, Object> later = valid();
    attempts(later).add(attempt(FIRST_FAILURE.plus(Duration.ofDays(1)), "insufficient_funds"));
    later.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(1)).plusSeconds(60).toString());
    assertThat(decide(later).object())
        .containsEntry("next_attempt_at", "2026-03-04T14:05:00Z")
        .containsEntry("retry_number", 2);
  }

  @Test
  void stopsWhenTheFallbackScheduleRunsOut() throws IOException {
    Map<String, Object> request = valid();
    for (int day = 1; day <= 4; day++) {
      attempts(request).add(attempt(FIRST_FAILURE.plus(Duration.ofDays(day)), "do_not_honor"));
    }
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(4)).plusSeconds(60).toString());

    assertThat(decide(request).object())
        .containsEntry("decision", "stop")
        .containsEntry("reason", "retries_exhausted");
  }
}
