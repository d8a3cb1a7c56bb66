package dev.smartretry.service.decision;

import dev.smartretry.planner.DecisionExplanation;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.service.policy.Policy;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision and what it was made with.
 *
 * @param retry the planner's answer: when to retry, or why to stop
 * @param policy the policy that applied, as it was at the decision
 * @param modelVersion the live model's version; null when there was none (fixed schedules)
 * @param explanation why the model chose the time, when asked for and a model chose it
 */
public record Decision(
    RetryDecision retry,
    Policy policy,
    @Nullable String modelVersion,
    Arm arm,
    Optional<DecisionExplanation> explanation) {
  public Decision {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(explanation, "explanation");
  }
}
