package dev.smartretry.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A NUL character passes URL and JSON decoding but no PostgreSQL text takes it: the chaos suite's
 * malformed requests found it answered 500. It is the client's mistake, a 400, and nothing is
 * stored.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NulCharactersTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  private Api api() {
    return new Api(client, json);
  }

  @Test
  void inAPathParameterIs400() {
    assertNul(api().get("/v1/payment-failures/in_%00x", BILLING));
    assertNul(api().get("/v1/webhook-endpoints/we_%00", ADMIN));
  }

  @Test
  void inABodyFieldIs400AndNothingIsStored() {
    String report =
        """
        {"invoice_id": "in_nul\\u0000", "customer_id": "cus_nul", "amount_minor": 4900,
         "currency": "EUR", "billing_interval": "month", "timezone": "Europe/Paris",
         "card": {"brand": "visa", "funding": "debit", "country": "FR"},
         "attempt_number": 1, "attempted_at": "2026-03-01T14:05:00Z", "outcome": "failed",
         "decline_code": "insufficient_funds", "policy": "default"}
        """;

    // The field's own rule refuses it first, naming it; the database is never asked.
    Reply refused = api().post("/v1/attempts", BILLING, report);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(api().get("/v1/payment-failures/in_nul", BILLING).status()).isEqualTo(404);
  }

  private static void assertNul(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.object().get("detail").toString()).contains("NUL character");
  }
}
