package dev.smartretry.planner;

import java.util.Objects;
import java.util.Optional;

/**
 * A decision with, when a model chose its time, the explanation of that choice.
 *
 * @param explanation empty for stops, fixed schedules and fallbacks: no model weighed anything
 */
public record ExplainedDecision(RetryDecision decision, Optional<DecisionExplanation> explanation) {
  public ExplainedDecision {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(explanation, "explanation");
  }
}
