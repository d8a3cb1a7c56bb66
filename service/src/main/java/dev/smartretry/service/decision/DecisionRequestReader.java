package dev.smartretry.service.decision;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.service.policy.Names;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.PolicyJson;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.routing.InvoiceFacts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a {@link DecisionRequest} field by field and turns it into a {@link DecisionInput}. Every
 * problem is collected, so one answer names every bad field. Unknown decline codes are read as
 * {@code other}, as the history reader reads them (docs/attempts-dataset.md); everything else
 * unknown is refused rather than guessed.
 */
@Singleton
final class DecisionRequestReader {
  /** More attempts than any policy allows (25 retries) plus slack; a bound on work per request. */
  static final int MAX_ATTEMPTS = 100;

  static final int MAX_TEXT = 255;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final String INTERVALS =
      wireNames(Arrays.stream(BillingInterval.values()).map(BillingInterval::wireName));
  private static final String BRANDS =
      wireNames(Arrays.stream(CardBrand.values()).map(CardBrand::wireName));
  private static final String FUNDINGS =
      wireNames(Arrays.stream(CardFunding.values()).map(CardFunding::wireName));

  private final JsonMapper json;

  DecisionRequestReader(JsonMapper json) {
    this.json = json;
  }

  DecisionInput read(DecisionRequest request, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    String invoiceId = text(errors, "invoice_id", request.invoiceId(), true);
    text(errors, "customer_id", request.customerId(), true);
    long amount = amount(errors, request.amountMinor());
    String currency = currency(errors, request.currency());
    BillingInterval interval =
        known(
            errors,
            "billing_interval",
            request.billingInterval(),
            BillingInterval::fromWireName,
            INTERVALS);
    ZoneId zone = zone(errors, request.timezone());
    OptionalInt tenure = count(errors, "customer_tenure_days", request.customerTenureDays());
    Card card = card(errors, request.card());
    OptionalInt devices =
        request.signals() == null
            ? OptionalInt.empty()
            : count(errors, "signals.devices_24h", request.signals().devices24h());
    Instant asOf = request.asOf() == null ? now : instant(errors, "as_of", request.asOf());
    List<PastAttempt> attempts = attempts(errors, request.attempts(), asOf, request.asOf());
    Map<String, String> metadata = metadata(errors, request.metadata());
    String policyName = null;
    Policy inlinePolicy = null;
    JsonNode policy = request.policy();
    if (policy != null && !policy.isNull()) {
      if (policy.isString()) {
        policyName = policy.getStringValue();
        // A name no policy can have is refused here, before it reaches the database.
        Optional<String> problem = Names.problemWith(policyName);
        if (problem.isPresent()) {
          errors.add(new FieldError("policy", problem.get()));
        }
      } else if (policy.isObject()) {
        inlinePolicy = inline(errors, policy);
      } else {
        errors.add(new FieldError("policy", "must be a policy's name or a policy object"));
      }
    }
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    DecisionContext context =
        new DecisionContext(amount, currency, interval, zone, tenure, card, attempts, devices);
    InvoiceFacts facts =
        new InvoiceFacts(
            interval, amount, currency, card.brand(), card.funding(), card.country(), metadata);
    return new DecisionInput(invoiceId, context, asOf, facts, policyName, inlinePolicy);
  }

  private Policy inline(List<FieldError> errors, JsonNode policy) {
    PolicyJson body;
    try {
      body = json.readValueFromTree(policy, PolicyJson.class);
    } catch (IOException | RuntimeException e) {
      errors.add(
          new FieldError(
              "policy",
              "an inline policy is an object of mode, max_retries, max_duration, min_interval,"
                  + " schedule and final_action, each of its type"));
      return null;
    }
    try {
      return body.toPolicy("inline", "policy.");
    } catch (ServiceProblem invalid) {
      errors.addAll(invalid.errors());
      return null;
    }
  }

  private static String text(
      List<FieldError> errors, String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      } else if (value != null) {
        errors.add(new FieldError(field, "must not be blank; leave it out when unknown"));
      }
      return null;
    }
    if (value.length() > MAX_TEXT) {
      errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
      return null;
    }
    return value;
  }

  private static long amount(List<FieldError> errors, Long amount) {
    if (amount == null) {
      errors.add(new FieldError("amount_minor", "is required"));
      return 0;
    }
    if (amount <= 0) {
      errors.add(new FieldError("amount_minor", "must be positive, in the currency's minor unit"));
    }
    return amount;
  }

  private static String currency(List<FieldError> errors, String code) {
    if (code == null) {
      errors.add(new FieldError("currency", "is required"));
      return null;
    }
    try {
      if (code.equals(code.toUpperCase(Locale.ROOT))) {
        return Currency.getInstance(code).getCurrencyCode();
      }
    } catch (IllegalArgumentException unknown) {
      // reported below
    }
    errors.add(new FieldError("currency", "must be an ISO 4217 code in capitals, e.g. EUR"));
    return null;
  }

  private static ZoneId zone(List<FieldError> errors, String id) {
    if (id == null) {
      errors.add(new FieldError("timezone", "is required"));
      return null;
    }
    try {
      ZoneId zone = ZoneId.of(id);
      // A bare offset has no daylight-saving rules: the customer's local hours would drift.
      if (!(zone instanceof ZoneOffset) && !id.startsWith("UTC+") && !id.startsWith("GMT+")) {
        return zone;
      }
    } catch (DateTimeException unknown) {
      // reported below
    }
    errors.add(new FieldError("timezone", "must be an IANA time zone name, e.g. Europe/Paris"));
    return null;
  }

  private static OptionalInt count(List<FieldError> errors, String field, Integer value) {
    if (value == null) {
      return OptionalInt.empty();
    }
    if (value < 0) {
      errors.add(new FieldError(field, "must not be negative"));
      return OptionalInt.empty();
    }
    return OptionalInt.of(value);
  }

  private static Card card(List<FieldError> errors, DecisionRequest.Card card) {
    if (card == null) {
      errors.add(new FieldError("card", "is required"));
      return null;
    }
    CardBrand brand = known(errors, "card.brand", card.brand(), CardBrand::fromWireName, BRANDS);
    CardFunding funding =
        known(errors, "card.funding", card.funding(), CardFunding::fromWireName, FUNDINGS);
    String country = card.country();
    if (country == null) {
      errors.add(new FieldError("card.country", "is required"));
    } else if (!COUNTRIES.contains(country)) {
      errors.add(
          new FieldError(
              "card.country", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR"));
    }
    String issuer = text(errors, "card.issuer_id", card.issuerId(), false);
    if (brand == null || funding == null || !COUNTRIES.contains(String.valueOf(country))) {
      return null;
    }
    return new Card(brand, funding, country, Optional.ofNullable(issuer));
  }

  private static List<PastAttempt> attempts(
      List<FieldError> errors,
      List<DecisionRequest.Attempt> attempts,
      Instant asOf,
      String asOfSent) {
    if (attempts == null || attempts.isEmpty()) {
      errors.add(
          new FieldError("attempts", "must hold every attempt so far, the original charge first"));
      return List.of();
    }
    if (attempts.size() > MAX_ATTEMPTS) {
      errors.add(new FieldError("attempts", "must hold at most " + MAX_ATTEMPTS + " attempts"));
      return List.of();
    }
    List<PastAttempt> read = new ArrayList<>(attempts.size());
    Instant previous = null;
    for (int index = 0; index < attempts.size(); index++) {
      String at = "attempts[" + index + "]";
      DecisionRequest.Attempt attempt = attempts.get(index);
      if (attempt == null) {
        errors.add(new FieldError(at, "must be an attempt object"));
        continue;
      }
      Instant attemptedAt = instant(errors, at + ".attempted_at", attempt.attemptedAt());
      if (attemptedAt != null && previous != null && !attemptedAt.isAfter(previous)) {
        errors.add(
            new FieldError(
                at + ".attempted_at", "must be after the attempt before it (oldest first)"));
      }
      if (attemptedAt != null && asOf != null && attemptedAt.isAfter(asOf)) {
        errors.add(
            new FieldError(
                at + ".attempted_at",
                asOfSent == null
                    ? "is in the future by the service's clock"
                    : "must not be after as_of"));
      }
      String code = attempt.declineCode();
      if (code == null || code.isBlank()) {
        errors.add(
            new FieldError(at + ".decline_code", "is required: every attempt so far failed"));
      }
      String advice = attempt.networkAdviceCode();
      if (advice != null && (advice.isBlank() || advice.length() > 8)) {
        errors.add(
            new FieldError(
                at + ".network_advice_code", "must be the network's code, e.g. 03, or absent"));
      }
      if (attemptedAt != null && code != null && !code.isBlank()) {
        read.add(
            new PastAttempt(
                attemptedAt,
                DeclineCode.fromWireName(code).orElse(DeclineCode.OTHER),
                Optional.ofNullable(advice)));
      }
      previous = attemptedAt == null ? previous : attemptedAt;
    }
    return read;
  }

  private static Map<String, String> metadata(
      List<FieldError> errors, @Nullable Map<String, JsonNode> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    metadata.forEach(
        (key, value) -> {
          if (value == null || value.isNull()) {
            return;
          }
          if (value.isString()) {
            labels.put(key, value.getStringValue());
          } else if (value.isNumber() || value.isBoolean()) {
            labels.put(key, value.coerceStringValue());
          } else {
            errors.add(new FieldError("metadata." + key, "must be a string, number or boolean"));
          }
        });
    return labels;
  }

  private static Instant instant(List<FieldError> errors, String field, String text) {
    if (text == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(field, "must be an ISO-8601 UTC instant, e.g. 2026-03-01T14:05:00Z"));
      return null;
    }
  }

  private static String wireNames(Stream<String> names) {
    return names.collect(Collectors.joining(", "));
  }

  private static <T> T known(
      List<FieldError> errors,
      String field,
      String value,
      Function<String, Optional<T>> parse,
      String allowed) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    Optional<T> known = parse.apply(value);
    if (known.isEmpty()) {
      errors.add(new FieldError(field, "must be one of " + allowed));
    }
    return known.orElse(null);
  }
}
