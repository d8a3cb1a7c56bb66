package dev.smartretry.service.routing;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.service.policy.Names;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a list of rules as sent, reporting every invalid field at once, each by its path in the
 * list ({@code [2].when.amount_max}).
 */
final class RuleValidator {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final Set<String> policies;
  private final List<FieldError> errors = new ArrayList<>();

  private RuleValidator(Set<String> policies) {
    this.policies = policies;
  }

  /**
   * The rules {@code json} describes, in its order.
   *
   * @param policies the names of the stored policies, which the rules may name
   * @throws ServiceProblem 400 naming every invalid field
   */
  static List<RoutingRule> validate(List<@Nullable RuleJson> json, Set<String> policies) {
    return new RuleValidator(policies).rules(json);
  }

  private List<RoutingRule> rules(List<@Nullable RuleJson> json) {
    List<RoutingRule> rules = new ArrayList<>();
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < json.size(); i++) {
      String at = "[" + i + "]";
      RuleJson rule = json.get(i);
      if (rule == null) {
        reject(at, "must be a JSON object");
        continue;
      }
      Integer earlier = rule.name() == null ? null : positions.putIfAbsent(rule.name(), i);
      String name = name(at, rule.name(), earlier);
      String policy = policy(at, rule.policy());
      RuleConditions when = conditions(at + ".when", rule.when());
      if (name != null && policy != null && when != null) {
        rules.add(new RoutingRule(name, policy, when));
      }
    }
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    return rules;
  }

  private @Nullable String name(String at, @Nullable String name, @Nullable Integer earlier) {
    Optional<String> problem = Names.problemWith(name);
    if (problem.isPresent()) {
      reject(at + ".name", problem.get());
      return null;
    }
    if (earlier != null) {
      reject(at + ".name", "must be unique; rule [" + earlier + "] has it already");
      return null;
    }
    return name;
  }

  private @Nullable String policy(String at, @Nullable String policy) {
    if (policy == null) {
      reject(at + ".policy", "is required");
      return null;
    }
    if (!policies.contains(policy)) {
      reject(at + ".policy", "must name a stored policy; there is none named " + policy);
      return null;
    }
    return policy;
  }

  private @Nullable RuleConditions conditions(String at, @Nullable ConditionsJson json) {
    if (json == null) {
      return RuleConditions.NONE;
    }
    int errorsBefore = errors.size();
    BillingInterval interval =
        oneOf(
            at + ".billing_interval",
            json.billingInterval(),
            BillingInterval::fromWireName,
            BillingInterval.values(),
            BillingInterval::wireName);
    Long amountMin = amount(at + ".amount_min", json.amountMin());
    Long amountMax = amount(at + ".amount_max", json.amountMax());
    if (amountMin != null && amountMax != null && amountMin > amountMax) {
      reject(at + ".amount_max", "must not be less than amount_min, " + amountMin);
    }
    String currency =
        code(
            at + ".currency",
            json.currency(),
            CURRENCY,
            "an ISO 4217 code in capitals, such as EUR");
    CardBrand brand =
        oneOf(
            at + ".card_brand",
            json.cardBrand(),
            CardBrand::fromWireName,
            CardBrand.values(),
            CardBrand::wireName);
    CardFunding funding =
        oneOf(
            at + ".card_funding",
            json.cardFunding(),
            CardFunding::fromWireName,
            CardFunding.values(),
            CardFunding::wireName);
    String country =
        code(
            at + ".card_country",
            json.cardCountry(),
            COUNTRY,
            "an ISO 3166-1 alpha-2 code in capitals, such as FR");
    Map<String, String> metadata = metadata(at + ".metadata", json.metadata());
    if (errors.size() > errorsBefore) {
      return null;
    }
    return new RuleConditions(
        interval, amountMin, amountMax, currency, brand, funding, country, metadata);
  }

  private @Nullable Long amount(String field, @Nullable Long amount) {
    if (amount != null && amount < 0) {
      reject(field, "must not be negative");
      return null;
    }
    return amount;
  }

  private @Nullable String code(
      String field, @Nullable String code, Pattern form, String expectation) {
    if (code != null && !form.matcher(code).matches()) {
      reject(field, "must be " + expectation);
      return null;
    }
    return code;
  }

  private <E> @Nullable E oneOf(
      String field,
      @Nullable String wireName,
      Function<String, Optional<E>> parse,
      E[] values,
      Function<E, String> nameOf) {
    if (wireName == null) {
      return null;
    }
    Optional<E> value = parse.apply(wireName);
    if (value.isEmpty()) {
      String names = Arrays.stream(values).map(nameOf).collect(Collectors.joining(", "));
      reject(field, "must be one of " + names);
    }
    return value.orElse(null);
  }

  private Map<String, String> metadata(String field, @Nullable Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    metadata.forEach(
        (key, value) -> {
          if (value == null) {
            reject(field + "." + key, "must be a string");
          }
        });
    return metadata;
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
