package dev.smartretry.service.routing;

import dev.smartretry.service.policy.PolicyStore;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Arrays;
import java.util.List;

/** {@code /v1/policy-rules}: admins read the ordered rules and replace them as a whole. */
@Controller("/v1/policy-rules")
// Every endpoint reads or writes the database: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
final class RoutingRuleController {
  private final RoutingRuleStore rules;
  private final PolicyStore policies;

  RoutingRuleController(RoutingRuleStore rules, PolicyStore policies) {
    this.rules = rules;
    this.policies = policies;
  }

  @Get
  List<RuleJson> list() {
    return rules.all().stream().map(RuleJson::of).toList();
  }

  /**
   * Replaces the list; an invalid list changes nothing. Answers the list as stored.
   *
   * <p>The body is an array, not a {@code List}: Micronaut converts a {@code List} body element by
   * element, dropping {@code null}s and taking a lone object for a list of one, whereas serde reads
   * an array as sent.
   */
  @Put
  List<RuleJson> replace(@Body RuleJson[] body) {
    List<RoutingRule> replacement = RuleValidator.validate(Arrays.asList(body), policies.names());
    rules.replaceAll(replacement);
    return replacement.stream().map(RuleJson::of).toList();
  }
}
