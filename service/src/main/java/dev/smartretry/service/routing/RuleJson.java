package dev.smartretry.service.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A routing rule as the API reads and writes it.
 *
 * @param when absent or empty, the rule holds for every invoice
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
record RuleJson(@Nullable String name, @Nullable String policy, @Nullable ConditionsJson when) {
  static RuleJson of(RoutingRule rule) {
    return new RuleJson(rule.name(), rule.policy(), ConditionsJson.of(rule.when()));
  }
}
