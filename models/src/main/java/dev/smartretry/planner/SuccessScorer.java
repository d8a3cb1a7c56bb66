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

  /**
   * A scorer of candidate times for one decision. The planner asks several times for the same
   * context (coarse, then fine), so a scorer that can prepare the context once overrides this.
   */
  default CandidateScorer forDecision(DecisionContext context) {
    return candidates -> probabilities(context, candidates);
  }

  /** Probabilities of candidate times, for a decision fixed in advance. */
  @FunctionalInterface
  interface CandidateScorer {
    double[] probabilities(List<Instant> candidates);
  }
}
