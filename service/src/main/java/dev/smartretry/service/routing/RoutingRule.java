package dev.smartretry.service.routing;

import java.util.Objects;

/**
 * One routing rule: invoices its conditions hold for go to {@code policy}, unless an earlier rule
 * took them.
 *
 * @param name unique within the list
 * @param policy the name of a stored policy
 */
record RoutingRule(String name, String policy, RuleConditions when) {
  RoutingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(when, "when");
  }
}
