package dev.smartretry.simulation;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.planner.NetworkRules;
import dev.smartretry.planner.RetryPolicy;
import java.time.Instant;

/**
 * The hard rules a retry must keep, checked again outside the planner on every retry a simulation
 * makes, so that a planner change that breaks one shows as a violation rather than as a better
 * recovery rate.
 */
final class RuleCheck {
  private RuleCheck() {}

  /** Whether a retry at {@code at}, decided at {@code asOf} on {@code context}, breaks a rule. */
  static boolean broken(DecisionContext context, RetryPolicy policy, Instant asOf, Instant at) {
    Instant first = context.firstFailureAt();
    Instant previous = context.previousAttempt().attemptedAt();
    int retriesBefore = context.attempts().size() - 1;
    return NetworkRules.forbidsRetry(context)
        || retriesBefore >= policy.maxRetries()
        || at.isBefore(asOf)
        || at.isBefore(previous.plus(policy.minInterval()))
        || at.isBefore(first.plus(policy.gracePeriod()))
        || at.isAfter(first.plus(policy.maxDuration()))
        || NetworkRules.adviceEarliest(context).filter(at::isBefore).isPresent()
        || NetworkRules.visaEarliest(context).filter(at::isBefore).isPresent();
  }
}
