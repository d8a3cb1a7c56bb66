package dev.smartretry.service.decision;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.ValueRule;
import dev.smartretry.history.ValueRules;
import dev.smartretry.service.policy.Names;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.policy.PolicyJson;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.routing.InvoiceFacts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a {@link DecisionRequest} field by field and turns it into a {@link DecisionInput}. Every
 * problem is collected, so one answer names every bad field. Values follow the rules history files
 * follow ({@link ValueRules}): unknown decline codes are read as {@code other}; everything else
 * unknown is refused rather than guessed.
 */
@Singleton
public final class DecisionRequestReader {
  /** More attempts than any policy allows (25 retries) plus slack; a bound on work per request. */
  public static final int MAX_ATTEMPTS = 100;

  static final int MAX_TEXT = 255;

  private final JsonMapper json;

  DecisionRequestReader(JsonMapper json) {
    this.json = json;
  }

  /** A request to {@code POST /v1/retry-decisions}: {@code as_of}, if absent, is {@code now}. */
  public DecisionInput forDecision(DecisionRequest request, Instant now) {
    return read(request, now, true);
  }

  /**
   * A registration of a payment failure: the same body without {@code as_of}, decided at {@code
   * now}, the service's clock.
   */
  public DecisionInput forRegistration(DecisionRequest request, Instant now) {
    return read(request, now, false);
  }

  private DecisionInput read(DecisionRequest request, Instant now, boolean asOfAllowed) {
    List<FieldError> errors = new ArrayList<>();
    String invoiceId = text(errors, "invoice_id", request.invoiceId(), true);
    String customerId = text(errors, "customer_id", request.customerId(), true);
    long amount = amount(errors, request.amountMinor());
    String currency = known(errors, "currency", request.currency(), ValueRules.CURRENCY);
    BillingInterval interval =
        known(errors, "billing_interval", request.billingInterval(), ValueRules.BILLING_INTERVAL);
    ZoneId zone = known(errors, "timezone", request.timezone(), ValueRules.TIME_ZONE);
    OptionalInt tenure = count(errors, "customer_tenure_days", request.customerTenureDays());
    Card card = card(errors, request.card());
    OptionalInt devices =
        request.signals() == null
            ? OptionalInt.empty()
            : count(errors, "signals.devices_24h", request.signals().devices24h());
    Instant asOf = now;
    if (request.asOf() != null) {
      if (asOfAllowed) {
        asOf = instant(errors, "as_of", request.asOf());
      } else {
        errors.add(
            new FieldError(
                "as_of", "is not accepted here: the service's clock is the time of the decision"));
      }
    }
    String asOfSent = asOfAllowed ? request.asOf() : null;
    List<PastAttempt> attempts = attempts(errors, request.attempts(), asOf, asOfSent);
    Map<String, String> metadata = metadata(errors, request.metadata());
    PolicyChoice policy = policy(errors, request.policy());
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    DecisionContext context =
        new DecisionContext(amount, currency, interval, zone, tenure, card, attempts, devices);
    InvoiceFacts facts =
        new InvoiceFacts(
            interval, amount, currency, card.brand(), card.funding(), card.country(), metadata);
    return new DecisionInput(invoiceId, customerId, context, facts, policy, asOf, null);
  }

  private PolicyChoice policy(List<FieldError> errors, @Nullable JsonNode policy) {
    if (policy == null || policy.isNull()) {
      return PolicyChoice.routed();
    }
    if (policy.isString()) {
      String name = policy.getStringValue();
      // A name no policy can have is refused here, before it reaches the database.
      Optional<String> problem = Names.problemWith(name);
      if (problem.isPresent()) {
        errors.add(new FieldError("policy", problem.get()));
        return null;
      }
      return PolicyChoice.named(name);
    }
    if (policy.isObject()) {
      Policy inline = inline(errors, policy);
      return inline == null ? null : PolicyChoice.inline(inline);
    }
    errors.add(new FieldError("policy", "must be a policy's name or a policy object"));
    return null;
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
    Optional<String> problem = textProblem(value);
    if (problem.isPresent()) {
      errors.add(new FieldError(field, problem.get()));
      return null;
    }
    return value;
  }

  /**
   * What is wrong with a text the service keeps and sends on (in a header, an idempotency key, a
   * database row); empty if nothing is.
   */
  private static Optional<String> textProblem(String value) {
    if (value.length() > MAX_TEXT) {
      return Optional.of("must be at most " + MAX_TEXT + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("must not contain control characters");
    }
    return Optional.empty();
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
    CardBrand brand = known(errors, "card.brand", card.brand(), ValueRules.CARD_BRAND);
    CardFunding funding = known(errors, "card.funding", card.funding(), ValueRules.CARD_FUNDING);
    String country = known(errors, "card.country", card.country(), ValueRules.COUNTRY);
    String issuer = text(errors, "card.issuer_id", card.issuerId(), false);
    if (brand == null || funding == null || country == null) {
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
      if (advice != null && !ValueRules.networkAdviceCode(advice)) {
        errors.add(
            new FieldError(
                at + ".network_advice_code", "must be the network's code, e.g. 03, or absent"));
      }
      if (attemptedAt != null && code != null && !code.isBlank()) {
        read.add(
            new PastAttempt(
                attemptedAt, ValueRules.declineCode(code), Optional.ofNullable(advice)));
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
          String field = "metadata." + key;
          if (value == null || value.isNull()) {
            return;
          }
          String label;
          if (value.isString()) {
            label = value.getStringValue();
          } else if (value.isNumber() || value.isBoolean()) {
            label = value.coerceStringValue();
          } else {
            errors.add(new FieldError(field, "must be a string, number or boolean"));
            return;
          }
          Optional<String> problem = textProblem(key).or(() -> textProblem(label));
          if (ValueRules.looksLikeCardNumber(key)) {
            // The field named is "metadata": naming the key would repeat the number.
            errors.add(new FieldError("metadata", "a key " + ValueRules.CARD_NUMBER_REFUSED));
          } else if (problem.isPresent()) {
            errors.add(new FieldError(field, "key and value " + problem.get()));
          } else if (ValueRules.looksLikeCardNumber(label)) {
            // Refused before anything keeps it: the answer names the field, never the value.
            errors.add(new FieldError(field, ValueRules.CARD_NUMBER_REFUSED));
          } else {
            labels.put(key, label);
          }
        });
    return labels;
  }

  /**
   * The instant {@code text} spells by {@link ValueRules#instant}, or null with the field's error
   * added: the one rule for the instants of every request.
   */
  public static Instant instant(List<FieldError> errors, String field, String text) {
    if (text == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    Optional<Instant> instant = ValueRules.instant(text);
    if (instant.isEmpty()) {
      errors.add(new FieldError(field, "must be " + ValueRules.INSTANT_EXPECTATION));
    }
    return instant.orElse(null);
  }

  private static <T> T known(
      List<FieldError> errors, String field, String value, ValueRule<T> rule) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    Optional<T> known = rule.parse(value);
    if (known.isEmpty()) {
      errors.add(new FieldError(field, "must be " + rule.expectation()));
    }
    return known.orElse(null);
  }
}
