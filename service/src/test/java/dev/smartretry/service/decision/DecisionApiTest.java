package dev.smartretry.service.decision;

import static dev.smartretry.service.testing.DecisionRequests.FIRST_FAILURE;
import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.DecisionRequests.card;
import static dev.smartretry.service.testing.DecisionRequests.valid;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.model.ModelDirectory;
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
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Section 1 of docs/http-api.md over HTTP, with the shipped default model live. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionApiTest implements TestApiKeys {
  private static final String PATH = "/v1/retry-decisions";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  Reply decide(Map<String, Object> request) {
    return decide(write(request), BILLING);
  }

  Reply decide(String body, String key) {
    return new Api(client, json)
        .send(
            HttpRequest.POST(PATH, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(key));
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(Reply reply, String field) {
    Object value = reply.object().get(field);
    return value == null ? null : Instant.parse((String) value);
  }

  @Test
  void answersTheSpecExampleWithTheModelsOptimum() {
    Reply reply = decide(valid());

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Map<String, Object> answer = reply.object();
    assertThat(answer)
        .containsEntry("decision", "retry")
        .containsEntry("reason", "model_optimum")
        .containsEntry("retry_number", 1)
        .containsEntry("retries_remaining", 7)
        .containsEntry("policy", "default")
        .containsEntry("model_version", ModelDirectory.loadDefault().version())
        .containsEntry("deadline", "2026-03-15T14:05:00Z")
        .containsEntry("arm", "smart");
    Instant next = instant(reply, "next_attempt_at");
    assertThat(next).isBetween(FIRST_FAILURE.plus(Duration.ofHours(1)), instant(reply, "deadline"));
    assertThat(((Number) answer.get("success_probability")).doubleValue()).isBetween(0.0, 1.0);
  }

  Reply decideExplained(Map<String, Object> request, String explain) {
    return new Api(client, json)
        .send(
            HttpRequest.POST(PATH + "?explain=" + explain, write(request))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(BILLING));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExplanationIsConsistentWithItsAnswer() {
    Reply plain = decide(valid());
    Reply reply = decideExplained(valid(), "true");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(plain.object()).doesNotContainKey("explanation");
    Map<String, Object> answer = new LinkedHashMap<>(reply.object());
    Map<String, Object> explanation = (Map<String, Object>) answer.remove("explanation");
    // Explaining never changes the answer.
    assertThat(answer).isEqualTo(plain.object());
    List<Map<String, Object>> candidates =
        (List<Map<String, Object>>) explanation.get("candidates");
    assertThat(candidates)
        .contains(
            Map.of(
                "at", answer.get("next_attempt_at"),
                "success_probability", answer.get("success_probability")));
    List<Instant> times =
        candidates.stream().map(candidate -> Instant.parse((String) candidate.get("at"))).toList();
    assertThat(times).isSorted().doesNotHaveDuplicates();
    assertThat(times.get(0)).isAfterOrEqualTo(FIRST_FAILURE.plus(Duration.ofHours(1)));
    assertThat(times.get(times.size() - 1)).isBeforeOrEqualTo(instant(reply, "deadline"));
    // The default policy's fixed schedule retries a day after the first failure.
    Map<String, Object> fixed = (Map<String, Object>) explanation.get("fixed_schedule");
    assertThat(fixed).containsEntry("at", FIRST_FAILURE.plus(Duration.ofDays(1)).toString());
    assertThat(((Number) fixed.get("success_probability")).doubleValue()).isBetween(0.0, 1.0);
    List<Map<String, Object>> inputs = (List<Map<String, Object>>) explanation.get("inputs");
    assertThat(inputs).hasSizeBetween(1, 5);
    assertThat(inputs)
        .allSatisfy(
            input -> {
              assertThat(input).containsOnlyKeys("input", "value", "effect");
              assertThat(((Number) input.get("effect")).doubleValue()).isBetween(-1.0, 1.0);
            });
    assertThat(((Number) inputs.get(0).get("effect")).doubleValue()).isNotZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStopIsExplainedAsNothingWeighed() {
    Map<String, Object> request = valid();
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(15)).toString());

    Reply reply = decideExplained(request, "true");

    assertThat(reply.object()).containsEntry("decision", "stop");
    assertThat((Map<String, Object>) reply.object().get("explanation"))
        .containsEntry("candidates", List.of())
        .containsEntry("fixed_schedule", null)
        .containsEntry("inputs", List.of());
  }

  @Test
  void explainMustBeTrueOrFalse() {
    Reply reply = decideExplained(valid(), "maybe");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.body()).contains("explain");
  }

  @Test
  void neverRetriesBeforeAsOfNorAfterTheDeadline() {
    Map<String, Object> request = valid();
    Instant asOf = FIRST_FAILURE.plus(Duration.ofDays(13)).plus(Duration.ofHours(20));
    request.put("as_of", asOf.toString());

    Reply reply = decide(request);

    Instant next = instant(reply, "next_attempt_at");
    assertThat(next).isBetween(asOf, FIRST_FAILURE.plus(Duration.ofDays(14)));
  }

  @Test
  void stopsWhenTheDeadlineHasPassed() {
    Map<String, Object> request = valid();
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(15)).toString());

    Reply reply = decide(request);

    assertThat(reply.object())
        .containsEntry("decision", "stop")
        .containsEntry("reason", "deadline_passed")
        .containsEntry("next_attempt_at", null);
  }

  @Test
  void neverRetriesMoreThanMaxRetries() {
    Map<String, Object> request = valid();
    request.put("policy", Map.of("max_retries", 2));
    attempts(request).add(attempt(FIRST_FAILURE.plus(Duration.ofDays(1)), "insufficient_funds"));
    attempts(request).add(attempt(FIRST_FAILURE.plus(Duration.ofDays(2)), "insufficient_funds"));
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(2)).plusSeconds(60).toString());

    Reply reply = decide(request);

    assertThat(reply.object())
        .containsEntry("decision", "stop")
        .containsEntry("reason", "retries_exhausted")
        .containsEntry("policy", "inline")
        .containsEntry("retries_remaining", 0);
  }

  @Test
  void neverRetriesAfterAHardDeclineAnywhereInTheAttempts() {
    Map<String, Object> request = valid();
    attempts(request).clear();
    attempts(request).add(attempt(FIRST_FAILURE, "stolen_card"));
    attempts(request).add(attempt(FIRST_FAILURE.plus(Duration.ofDays(1)), "insufficient_funds"));
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(1)).plusSeconds(60).toString());

    assertThat(decide(request).object())
        .containsEntry("decision", "stop")
        .containsEntry("reason", "hard_decline");
  }

  @Test
  void neverRetriesAfterAMastercardAdviceCodeThatForbidsIt() {
    for (String advice : List.of("03", "21")) {
      Map<String, Object> request = valid();
      card(request).put("brand", "mastercard");
      @SuppressWarnings("unchecked")
      Map<String, Object> original = (Map<String, Object>) attempts(request).get(0);
      original.put("network_advice_code", advice);

      assertThat(decide(request).object())
          .as(advice)
          .containsEntry("decision", "stop")
          .containsEntry("reason", "hard_decline");
    }
  }

  @Test
  void neverRetriesSoonerThanTheMinimumInterval() {
    Map<String, Object> request = valid();
    request.put("policy", Map.of("min_interval", "PT20H"));

    Instant next = instant(decide(request), "next_attempt_at");

    assertThat(next).isAfterOrEqualTo(FIRST_FAILURE.plus(Duration.ofHours(20)));
  }

  @Test
  void keepsTheVisaLimitOfFifteenRetriesInThirtyDays() {
    Map<String, Object> request = valid();
    request.put(
        "policy", Map.of("max_retries", 20, "max_duration", "P45D", "min_interval", "PT1H"));
    for (int retry = 1; retry <= 15; retry++) {
      attempts(request)
          .add(attempt(FIRST_FAILURE.plus(Duration.ofDays(retry)), "insufficient_funds"));
    }
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofDays(15)).plusSeconds(60).toString());

    Instant next = instant(decide(request), "next_attempt_at");

    // The first counted retry (day 1) leaves the 30-day window on day 31.
    assertThat(next).isAfter(FIRST_FAILURE.plus(Duration.ofDays(31)));
  }

  @Test
  void followsAFixedPolicysSchedule() {
    Map<String, Object> request = valid();
    request.put("policy", Map.of("mode", "fixed", "schedule", List.of("P2D", "P4D")));

    Reply reply = decide(request);

    assertThat(reply.object())
        .containsEntry("reason", "fixed_schedule")
        .containsEntry("next_attempt_at", "2026-03-03T14:05:00Z")
        .containsEntry("success_probability", null);
  }

  @Test
  void usesTheServersClockWithoutAsOf() {
    Map<String, Object> request = valid();
    request.remove("as_of");
    Instant now = Instant.now();
    attempts(request).clear();
    attempts(request).add(attempt(now.minus(Duration.ofHours(2)), "insufficient_funds"));

    Instant next = instant(decide(request), "next_attempt_at");

    assertThat(next).isAfterOrEqualTo(now.minusSeconds(1));
  }

  @Test
  void refusesAnUnknownPolicyName() {
    Map<String, Object> request = valid();
    request.put("policy", "no-such-policy");

    Reply reply = decide(request);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("policy");
  }

  @Test
  void routesByRulesWhenNoPolicyIsNamed() {
    String annual =
        "{\"mode\": \"fixed\", \"max_retries\": 3, \"schedule\": [\"P2D\", \"P5D\", \"P9D\"]}";
    Api api = new Api(client, json);
    assertThat(api.put("/v1/policies/decision-annual", ADMIN, annual).status()).isIn(200, 201);
    String rules =
        "[{\"name\": \"annual-pro\", \"policy\": \"decision-annual\","
            + " \"when\": {\"billing_interval\": \"year\", \"metadata\": {\"plan\": \"pro\"}}}]";
    assertThat(api.put("/v1/policy-rules", ADMIN, rules).status()).isEqualTo(200);
    try {
      Map<String, Object> request = valid();
      request.remove("policy");
      request.put("billing_interval", "year");
      assertThat(decide(request).object())
          .containsEntry("policy", "decision-annual")
          .containsEntry("reason", "fixed_schedule");

      request.put("metadata", Map.of("plan", "basic"));
      assertThat(decide(request).object()).containsEntry("policy", "default");
    } finally {
      api.put("/v1/policy-rules", ADMIN, "[]");
    }
  }

  @Test
  void namesEveryBadField() {
    Map<String, Object> request = valid();
    request.put("amount_minor", 0);
    request.put("currency", "EURO");
    request.put("timezone", "Mars/Olympus_Mons");
    card(request).put("country", "XX");
    attempts(request).add(attempt(FIRST_FAILURE.minusSeconds(60), "insufficient_funds"));

    Reply reply = decide(request);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.errorFields())
        .containsExactlyInAnyOrder(
            "amount_minor", "currency", "timezone", "card.country", "attempts[1].attempted_at");
  }

  @Test
  void refusesInstantsOutsideTheYears2000To2099() {
    Map<String, Object> farFuture = valid();
    farFuture.put("as_of", "9999-12-30T14:06:00Z");
    attempts(farFuture).get(0);
    ((Map<String, Object>) attempts(farFuture).get(0)).put("attempted_at", "9999-12-30T14:05:00Z");
    Reply future = decide(farFuture);
    assertThat(future.errorFields()).containsExactly("as_of", "attempts[0].attempted_at");
    assertThat(future.body()).contains("in the years 2000 to 2099").doesNotContain("+10000");

    Map<String, Object> past = valid();
    ((Map<String, Object>) attempts(past).get(0)).put("attempted_at", "1999-12-31T23:59:59Z");
    assertThat(decide(past).errorFields()).containsExactly("attempts[0].attempted_at");

    Map<String, Object> lastDay = valid();
    lastDay.put("as_of", "2099-12-31T23:59:59Z");
    assertThat(decide(lastDay).status()).isEqualTo(200);
  }

  @Test
  void refusesEmptyAttemptsAndAttemptsAfterAsOf() {
    Map<String, Object> empty = valid();
    attempts(empty).clear();
    assertThat(decide(empty).errorFields()).containsExactly("attempts");

    Map<String, Object> future = valid();
    future.put("as_of", FIRST_FAILURE.minusSeconds(1).toString());
    assertThat(decide(future).errorFields()).containsExactly("attempts[0].attempted_at");
  }

  @Test
  void readsUnknownDeclineCodesAsOther() {
    Map<String, Object> request = valid();
    attempts(request).clear();
    attempts(request).add(attempt(FIRST_FAILURE, "some_new_code"));

    assertThat(decide(request).object()).containsEntry("decision", "retry");
  }

  @Test
  void refusesMalformedAndMistypedBodies() {
    assertThat(decide("{\"invoice_id\": ", BILLING).status()).isEqualTo(400);
    Map<String, Object> mistyped = valid();
    mistyped.put("amount_minor", "4900");
    Reply reply = decide(mistyped);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("amount_minor");
    Map<String, Object> unknown = valid();
    unknown.put("amount", 4900);
    assertThat(decide(unknown).errorFields()).containsExactly("amount");
  }

  @Test
  void refusesOversizedAndDeeplyNestedBodies() {
    Map<String, Object> huge = valid();
    huge.put("metadata", Map.of("padding", "x".repeat(100_000)));
    assertThat(decide(write(huge), BILLING).status()).isEqualTo(413);

    String nested = "{\"metadata\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    assertThat(decide(nested, BILLING).status()).isEqualTo(400);
  }

  @Test
  void needsABillingOrAdminKey() {
    String body = write(valid());
    assertThat(decide(body, "").status()).isEqualTo(401);
    assertThat(decide(body, "not-a-key").status()).isEqualTo(401);
    assertThat(decide(body, VIEWER).status()).isEqualTo(403);
    assertThat(decide(body, ADMIN).status()).isEqualTo(200);
  }

  @Test
  void acceptsScalarMetadataAndRefusesNestedMetadata() {
    Map<String, Object> request = valid();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("seats", 5);
    metadata.put("trial", false);
    request.put("metadata", metadata);
    assertThat(decide(request).status()).isEqualTo(200);

    metadata.put("nested", Map.of("a", "b"));
    assertThat(decide(request).errorFields()).containsExactly("metadata.nested");
  }

  @Test
  void waitsAsLongAsANetworkAdviceCodeOnThePreviousAttemptAsks() {
    Map<String, Object> request = valid();
    card(request).put("brand", "mastercard");
    Map<String, Object> retry = attempt(FIRST_FAILURE.plus(Duration.ofHours(2)), "do_not_honor");
    retry.put("network_advice_code", "26");
    attempts(request).add(retry);
    request.put("as_of", FIRST_FAILURE.plus(Duration.ofHours(2)).plusSeconds(60).toString());

    Instant next = instant(decide(request), "next_attempt_at");

    assertThat(next)
        .isAfterOrEqualTo(FIRST_FAILURE.plus(Duration.ofHours(2)).plus(Duration.ofDays(2)));
  }

  @Test
  void waitsOutThePolicysGracePeriod() {
    Map<String, Object> request = valid();
    request.put("policy", Map.of("grace_period", "P2DT6H"));

    Reply reply = decide(request);

    assertThat(instant(reply, "next_attempt_at"))
        .isAfterOrEqualTo(FIRST_FAILURE.plus(Duration.ofHours(54)));
  }

  @Test
  void refusesTimeZonesWithoutDaylightSavingRulesAsHistoryFilesDo() {
    for (String offset : List.of("UTC+02:00", "UT-05:00", "+01:00", "GMT+2")) {
      Map<String, Object> request = valid();
      request.put("timezone", offset);

      Reply reply = decide(request);

      assertThat(reply.errorFields()).as(offset).containsExactly("timezone");
      assertThat(reply.errors().get(0).get("message"))
          .isEqualTo("must be an IANA time zone name, such as Europe/Paris");
    }
  }

  @Test
  void refusesControlCharactersInTextsTheServiceKeepsOrSendsOn() {
    Map<String, Object> request = valid();
    request.put("invoice_id", "in_\nsecond-line");
    request.put("customer_id", "cus_\u0000");
    request.put("metadata", Map.of("plan", "pro\u0007"));

    assertThat(decide(request).errorFields())
        .containsExactlyInAnyOrder("invoice_id", "customer_id", "metadata.plan");
  }
}
