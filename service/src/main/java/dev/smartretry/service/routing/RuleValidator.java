package dev.smartretry.service.routing;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.ValueRule;
import dev.smartretry.history.ValueRules;
import dev.smartretry.service.policy.Names;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a list of rules as sent, reporting every invalid field at once, each by its path in the
 * list ({@code [2].when.amount_max}).
 */
final class RuleValidator {
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
        known(at + ".billing_interval", json.billingInterval(), ValueRules.BILLING_INTERVAL);
    Long amountMin = amount(at + ".amount_min", json.amountMin());
    Long amountMax = amount(at + ".amount_max", json.amountMax());
    if (amountMin != null && amountMax != null && amountMin > amountMax) {
      reject(at + ".amount_max", "must not be less than amount_min, " + amountMin);
    }
    String currency = known(at + ".currency", json.currency(), ValueRules.CURRENCY);
    CardBrand brand = known(at + ".card_brand", json.cardBrand(), ValueRules.CARD_BRAND);
    CardFunding funding = known(at + ".card_funding", json.cardFunding(), ValueRules.CARD_FUNDING);
    String country = known(at + ".card_country", json.cardCountry(), ValueRules.COUNTRY);
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

  /** The value {@code text} spells under {@code rule}; null when absent or refused. */
  private <T> @Nullable T known(String field, @Nullable String text, ValueRule<T> rule) {
    if (text == null) {
      return null;
    }
    Optional<T> value = rule.parse(text);
    if (value.isEmpty()) {
      reject(field, "must be " + rule.expectation());
    }
    return value.orElse(null);
  }

  private Map<String, String> metadata(String field, @Nullable Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    metadata.forEach(
        (key, value) -> {
          if (ValueRules.looksLikeCardNumber(key)) {
            // Naming the key would repeat the number.
            reject(field, "a key " + ValueRules.CARD_NUMBER_REFUSED);
          } else if (value == null) {
            reject(field + "." + key, "must be a string");
          } else if (ValueRules.looksLikeCardNumber(value)) {
            reject(field + "." + key, ValueRules.CARD_NUMBER_REFUSED);
          }
        });
    return metadata;
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
