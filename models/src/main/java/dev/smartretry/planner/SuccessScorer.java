package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import java.time.Instant;
import java.util.List;

/**
 * Probabilities that a retry at each candidate time succeeds, given what is known. A trained model
 * is one scorer; a simulation's oracle, which knows the hidden truth, is another.
 */
@FunctionalInterface
public interface SuccessScorer {
  double[] probabilities(DecisionContext context, List<Instant> candidates);
}
