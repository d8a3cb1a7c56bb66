package dev.smartretry.service.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decision request bodies for tests, as mutable maps: change a field, then send. */
public final class DecisionRequests {
  public static final Instant FIRST_FAILURE = Instant.parse("2026-03-01T14:05:00Z");

  private DecisionRequests() {}

  /** The spec's example request: one failed original charge, decided a minute later. */
  public static Map<String, Object> valid() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("invoice_id", "in_1MtHbE");
    request.put("customer_id", "cus_9s6XKz");
    request.put("amount_minor", 4900);
    request.put("currency", "EUR");
    request.put("billing_interval", "month");
    request.put("timezone", "Europe/Paris");
    request.put("customer_tenure_days", 412);
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("brand", "visa");
    card.put("funding", "debit");
    card.put("country", "FR");
    card.put("issuer_id", "iss_042");
    request.put("card", card);
    request.put("signals", new LinkedHashMap<>(Map.of("devices_24h", 2)));
    List<Object> attempts = new ArrayList<>();
    attempts.add(attempt(FIRST_FAILURE, "insufficient_funds"));
    request.put("attempts", attempts);
    request.put("policy", "default");
    request.put("as_of", FIRST_FAILURE.plusSeconds(60).toString());
    request.put("metadata", new LinkedHashMap<>(Map.of("plan", "pro")));
    return request;
  }

  /**
   * A registration of a payment failure (docs/http-api.md, section 2): the spec's example without
   * {@code as_of}, for {@code invoiceId}.
   */
  public static Map<String, Object> registration(String invoiceId) {
    Map<String, Object> request = valid();
    request.remove("as_of");
    request.put("invoice_id", invoiceId);
    return request;
  }

  /**
   * A registration of {@code invoiceId} whose only attempt, the original charge, failed for want of
   * funds at {@code failedAt}.
   */
  public static Map<String, Object> registration(String invoiceId, Instant failedAt) {
    Map<String, Object> request = registration(invoiceId);
    attempts(request).clear();
    attempts(request).add(attempt(failedAt, "insufficient_funds"));
    return request;
  }

  public static Map<String, Object> attempt(Instant at, String declineCode) {
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("attempted_at", at.toString());
    attempt.put("decline_code", declineCode);
    return attempt;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> attempts(Map<String, Object> request) {
    return (List<Object>) request.get("attempts");
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> card(Map<String, Object> request) {
    return (Map<String, Object>) request.get("card");
  }

  /**
   * A report of {@code POST /v1/attempts}: attempt {@code number} of {@code invoice} at {@code at},
   * failed with {@code declineCode}, or succeeded when it is null.
   */
  public static Map<String, Object> reportedAttempt(
      String invoice, int number, String at, String declineCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("invoice_id", invoice);
    body.put("customer_id", "cus_" + invoice);
    body.put("amount_minor", 4900);
    body.put("currency", "EUR");
    body.put("billing_interval", "month");
    body.put("timezone", "Europe/Paris");
    body.put("customer_tenure_days", 412);
    body.put(
        "card",
        new LinkedHashMap<>(
            Map.of("brand", "visa", "funding", "debit", "country", "FR", "issuer_id", "iss_042")));
    body.put("attempt_number", number);
    body.put("attempted_at", at);
    body.put("outcome", declineCode == null ? "succeeded" : "failed");
    if (declineCode != null) {
      body.put("decline_code", declineCode);
    }
    body.put("devices_24h", 1);
    body.put("network_advice_code", null);
    body.put("policy", "default");
    return body;
  }
}
