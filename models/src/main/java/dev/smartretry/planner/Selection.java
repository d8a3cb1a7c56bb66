package dev.smartretry.planner;

/**
 * How a decision's time came to be chosen: the probability with which the planner would choose that
 * time for this retry (its propensity), and whether the exploration draw chose it. Training weighs
 * each retry by the inverse of this probability, to learn about the times the planner rarely picks
 * as if they had been picked as often as the others.
 *
 * <p>A decision that followed a rule rather than a draw (a fixed schedule, the control arm, a
 * fallback without model, a smart decision without exploration, or a stop) has probability 1: its
 * time was certain, given what was known.
 *
 * @param probability in (0, 1]
 * @param explored whether the time was drawn among the candidates instead of being the best
 */
public record Selection(double probability, boolean explored) {
  /** A time chosen by rule, with certainty. */
  public static final Selection CERTAIN = new Selection(1, false);

  public Selection {
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("a selection probability is in (0, 1]: " + probability);
    }
  }
}
