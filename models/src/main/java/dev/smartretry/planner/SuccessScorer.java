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
    return new CandidateScorer() {
      @Override
      public double[] probabilities(List<Instant> candidates) {
        return SuccessScorer.this.probabilities(context, candidates);
      }

      @Override
      public double[] probabilitiesAfter(Instant previousAt, List<Instant> candidates) {
        return SuccessScorer.this.probabilities(
            context.withPreviousAttemptAt(previousAt), candidates);
      }
    };
  }

  /**
   * The {@code count} inputs that move the probability of a retry at {@code at} most, largest
   * effect first; empty for a scorer that cannot say (the default).
   */
  default List<InputEffect> inputEffects(DecisionContext context, Instant at, int count) {
    return List.of();
  }

  /** Probabilities of candidate times, for a decision fixed in advance. */
  interface CandidateScorer {
    double[] probabilities(List<Instant> candidates);

    /**
     * The same, had the decision's previous retry been made at {@code previousAt} instead, all else
     * equal: how the planner looks at the retries after one it has not made yet (see {@link
     * DecisionContext#afterFailedRetry}). Only for a decision after a retry.
     */
    double[] probabilitiesAfter(Instant previousAt, List<Instant> candidates);
  }
}
