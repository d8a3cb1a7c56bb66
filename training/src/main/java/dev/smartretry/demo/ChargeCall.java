package dev.smartretry.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a charge call (http-api.md section 2): {@code {"invoice_id": "in_1MtHbE",
 * "retry_number": 1, "amount_minor": 4900, "currency": "EUR", "scheduled_for": "...",
 * "attempted_at": "..."}}.
 *
 * @param invoiceId the invoice to charge
 * @param retryNumber 1 for the first retry after the original charge
 * @param amountMinor the amount, in the currency's minor unit
 * @param currency ISO 4217 code
 * @param scheduledFor when the plan said the retry was due
 * @param attemptedAt the service's clock when it made the call: the instant the world charges at
 */
public record ChargeCall(
    String invoiceId,
    int retryNumber,
    long amountMinor,
    String currency,
    Instant scheduledFor,
    Instant attemptedAt) {
  private static final Set<String> FIELDS =
      Set.of(
          "invoice_id",
          "retry_number",
          "amount_minor",
          "currency",
          "scheduled_for",
          "attempted_at");

  /** The {@code Idempotency-Key} the service sends with this call. */
  public String idempotencyKey() {
    return invoiceId + ":" + retryNumber;
  }

  /**
   * The call a body spells.
   *
   * @throws RefusedCall {@link Refusal#MALFORMED_BODY} when it is not a JSON object, {@link
   *     Refusal#INVALID_FIELD} naming every missing, mistyped or unknown field, {@link
   *     Refusal#EARLY_ATTEMPT} when it was attempted before it was scheduled
   */
  static ChargeCall read(byte[] body) {
    JsonNode tree;
    try {
      tree = DemoJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RefusedCall(Refusal.MALFORMED_BODY, "body: not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RefusedCall(Refusal.MALFORMED_BODY, "body: unreadable: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new RefusedCall(Refusal.MALFORMED_BODY, "body: must be a JSON object");
    }
    // Every problem at once, so a caller with several mistakes needs one round trip, not several.
    List<String> problems = new ArrayList<>();
    tree.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                problems.add(name + ": unknown field");
              }
            });
    String invoiceId = text(tree, "invoice_id", problems);
    long retryNumber =
        wholeNumber(tree, "retry_number", 1, Integer.MAX_VALUE, "at least 1", problems);
    long amountMinor =
        wholeNumber(tree, "amount_minor", 1, Long.MAX_VALUE, "a positive amount", problems);
    String currency = text(tree, "currency", problems);
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      problems.add("currency: must be an upper-case ISO 4217 code, like EUR: " + currency);
    }
    Instant scheduledFor = instant(tree, "scheduled_for", problems);
    Instant attemptedAt = instant(tree, "attempted_at", problems);
    if (!problems.isEmpty()) {
      throw new RefusedCall(Refusal.INVALID_FIELD, String.join("; ", problems));
    }
    if (attemptedAt.isBefore(scheduledFor)) {
      throw new RefusedCall(
          Refusal.EARLY_ATTEMPT,
          "attempted_at: "
              + attemptedAt
              + " is before scheduled_for "
              + scheduledFor
              + ": a retry must never start before its time");
    }
    return new ChargeCall(
        invoiceId, (int) retryNumber, amountMinor, currency, scheduledFor, attemptedAt);
  }

  private static String text(JsonNode tree, String field, List<String> problems) {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + ": missing");
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(field + ": must be a non-empty string");
      return null;
    }
    return node.asText();
  }

  /** A JSON integer: {@code 49.99}, {@code "8"} and {@code [8]} are refused, as by the service. */
  private static long wholeNumber(
      JsonNode tree, String field, long least, long most, String range, List<String> problems) {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + ": missing");
      return 0;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < least
        || node.asLong() > most) {
      problems.add(field + ": must be a whole number, " + range + ": " + node);
      return 0;
    }
    return node.asLong();
  }

  private static Instant instant(JsonNode tree, String field, List<String> problems) {
    String text = text(tree, field, problems);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(field + ": must be an ISO-8601 instant, like 2026-03-02T23:05:00Z: " + text);
      return null;
    }
  }
}
