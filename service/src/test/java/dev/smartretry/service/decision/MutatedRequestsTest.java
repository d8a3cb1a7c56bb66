package dev.smartretry.service.decision;

import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.DecisionRequests;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thousands of valid requests, each mutated at random (a field dropped, retyped, set to an edge
 * value; attempts reordered, duplicated, made hard declines; inline policies at their limits): the
 * service must answer every one with a 2xx or a 4xx, never a 5xx, and every retry it answers must
 * keep the guarantees of section 1 whatever the mutation.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutatedRequestsTest implements TestApiKeys {
  private static final int REQUESTS = 2_000;
  private static final List<String> CODES =
      List.of(
          "insufficient_funds",
          "do_not_honor",
          "card_velocity_exceeded",
          "expired_card",
          "processing_error",
          "stolen_card",
          "fraudulent",
          "invented_code",
          "");
  private static final List<Object> ODD_VALUES =
      List.of(
          "",
          " ",
          "x",
          -1,
          0,
          1,
          2_147_483_648L,
          Long.MAX_VALUE,
          1.5,
          true,
          List.of(),
          Map.of(),
          "2026-02-30T00:00:00Z",
          "P1M",
          "PT0S",
          "-P1D",
          "Europe/Paris",
          "visa",
          "\u0000");

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Test
  void neverAnswers5xxAndNeverBreaksAGuarantee() throws IOException {
    Random random = new Random(20261121);
    Api api = new Api(client, json);
    Map<Integer, Integer> statuses = new LinkedHashMap<>();
    for (int index = 0; index < REQUESTS; index++) {
      Map<String, Object> request = mutated(random);
      Reply reply =
          api.send(
              HttpRequest.POST("/v1/retry-decisions", json.writeValueAsString(request))
                  .contentType(MediaType.APPLICATION_JSON_TYPE)
                  .bearerAuth(BILLING));
      statuses.merge(reply.status(), 1, Integer::sum);
      assertThat(reply.status()).as("%s%n%s", request, reply).isLessThan(500);
      if (reply.status() == 200) {
        checkGuarantees(request, reply);
      } else {
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
      }
    }
    // The mutations must exercise both paths, or the test proves little.
    assertThat(statuses.getOrDefault(200, 0)).isGreaterThan(REQUESTS / 5);
    assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(REQUESTS / 5);
  }

  @SuppressWarnings("unchecked")
  private static void checkGuarantees(Map<String, Object> request, Reply reply) {
    Map<String, Object> answer = reply.object();
    List<Object> attempts = (List<Object>) request.get("attempts");
    Instant first =
        Instant.parse((String) ((Map<String, Object>) attempts.get(0)).get("attempted_at"));
    Instant last =
        Instant.parse(
            (String) ((Map<String, Object>) attempts.get(attempts.size() - 1)).get("attempted_at"));
    Instant deadline = Instant.parse((String) answer.get("deadline"));
    int maxRetries = 8;
    Duration maxDuration = Duration.ofDays(14);
    Duration minInterval = Duration.ofHours(1);
    if (request.get("policy") instanceof Map<?, ?> inline) {
      if (inline.get("max_retries") instanceof Number number) {
        maxRetries = number.intValue();
      }
      if (inline.get("max_duration") instanceof String text) {
        maxDuration = Duration.parse(text);
      }
      if (inline.get("min_interval") instanceof String text) {
        minInterval = Duration.parse(text);
      }
    }
    assertThat(deadline).isEqualTo(first.plus(maxDuration));
    boolean hard =
        attempts.stream()
            .map(attempt -> String.valueOf(((Map<String, Object>) attempt).get("decline_code")))
            .anyMatch(code -> code.equals("stolen_card") || code.equals("fraudulent"));
    if (!"retry".equals(answer.get("decision"))) {
      return;
    }
    assertThat(hard).as("retry after a hard decline: %s", request).isFalse();
    assertThat(attempts.size() - 1).as("retries so far").isLessThan(maxRetries);
    Instant next = Instant.parse((String) answer.get("next_attempt_at"));
    if (request.get("as_of") instanceof String asOf) {
      assertThat(next).isAfterOrEqualTo(Instant.parse(asOf));
    }
    assertThat(next).isBeforeOrEqualTo(deadline);
    assertThat(next).isAfterOrEqualTo(last.plus(minInterval));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mutated(Random random) {
    Map<String, Object> request = DecisionRequests.valid();
    List<Object> attempts = DecisionRequests.attempts(request);
    Instant at = DecisionRequests.FIRST_FAILURE;
    int retries = random.nextInt(10);
    for (int retry = 0; retry < retries; retry++) {
      at = at.plus(Duration.ofMinutes(30 + random.nextInt(3 * 24 * 60)));
      attempts.add(DecisionRequests.attempt(at, pick(random, CODES.subList(0, 5))));
    }
    request.put("as_of", at.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))).toString());
    if (random.nextBoolean()) {
      Map<String, Object> inline = new LinkedHashMap<>();
      inline.put("max_retries", 1 + random.nextInt(25));
      inline.put("max_duration", "P" + (1 + random.nextInt(60)) + "D");
      inline.put("min_interval", "PT" + (1 + random.nextInt(24)) + "H");
      request.put("policy", inline);
    }
    int mutations = random.nextInt(3);
    for (int mutation = 0; mutation < mutations; mutation++) {
      switch (random.nextInt(8)) {
        case 0 -> request.remove(pick(random, new ArrayList<>(request.keySet())));
        case 1 ->
            request.put(pick(random, new ArrayList<>(request.keySet())), pick(random, ODD_VALUES));
        case 2 -> {
          Map<String, Object> attempt =
              (Map<String, Object>) attempts.get(random.nextInt(attempts.size()));
          attempt.put("decline_code", pick(random, CODES));
        }
        case 3 -> {
          Map<String, Object> attempt =
              (Map<String, Object>) attempts.get(random.nextInt(attempts.size()));
          attempt.put(
              random.nextBoolean() ? "attempted_at" : "network_advice_code",
              pick(random, ODD_VALUES));
        }
        case 4 -> java.util.Collections.shuffle(attempts, random);
        case 5 -> attempts.add(new LinkedHashMap<>((Map<String, Object>) attempts.get(0)));
        case 6 -> {
          if (request.get("card") instanceof Map<?, ?> card) {
            ((Map<String, Object>) card)
                .put(
                    pick(random, List.of("brand", "funding", "country", "issuer_id")),
                    pick(random, ODD_VALUES));
          }
        }
        default -> {
          if (request.get("policy") instanceof Map<?, ?> inline) {
            ((Map<String, Object>) inline)
                .put(
                    pick(
                        random,
                        List.of("max_retries", "max_duration", "min_interval", "schedule", "mode")),
                    pick(random, ODD_VALUES));
          }
        }
      }
    }
    return request;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
