package dev.smartretry.service.routing;

import dev.smartretry.service.policy.Policy;
import jakarta.inject.Singleton;
import java.util.List;

/** Chooses the policy for an invoice that names none: the routing rules', else the default. */
@Singleton
public final class PolicyRouter {
  private final RoutingRuleStore rules;

  PolicyRouter(RoutingRuleStore rules) {
    this.rules = rules;
  }

  /** The name of the policy of the first rule whose conditions hold, else {@code default}. */
  public String policyFor(InvoiceFacts invoice) {
    return firstMatch(rules.all(), invoice);
  }

  static String firstMatch(List<RoutingRule> rules, InvoiceFacts invoice) {
    return rules.stream()
        .filter(rule -> rule.when().holdFor(invoice))
        .findFirst()
        .map(RoutingRule::policy)
        .orElse(Policy.DEFAULT_NAME);
  }
}
