package dev.smartretry.service.routing;

import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.policy.PolicyStore;
import dev.smartretry.service.policy.UnknownPolicyException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The one place that says which policy applies to an invoice: its own inline policy, the stored
 * policy it names as that policy is now, or the policy of the first routing rule whose conditions
 * hold for it, else {@code default}. Reads come from memory (see {@link
 * dev.smartretry.service.database.CachedRead}).
 */
@Singleton
public final class PolicyResolver {
  private final PolicyStore policies;
  private final RoutingRuleStore rules;

  PolicyResolver(PolicyStore policies, RoutingRuleStore rules) {
    this.policies = policies;
    this.rules = rules;
  }

  /**
   * The policy {@code choice} leads to for an invoice with these {@code facts}.
   *
   * @throws UnknownPolicyException if the policy named, or routed to, does not exist
   */
  public Policy resolve(PolicyChoice choice, InvoiceFacts facts) {
    if (choice.inline() != null) {
      return choice.inline();
    }
    boolean routed = choice.name() == null;
    String name = routed ? firstMatch(rules.all(), facts) : choice.name();
    return policies.find(name).orElseThrow(() -> new UnknownPolicyException(name, routed));
  }

  /** The policy of the first rule whose conditions hold for {@code invoice}, else the default. */
  static String firstMatch(List<RoutingRule> rules, InvoiceFacts invoice) {
    return rules.stream()
        .filter(rule -> rule.when().holdFor(invoice))
        .findFirst()
        .map(RoutingRule::policy)
        .orElse(Policy.DEFAULT_NAME);
  }
}
