package dev.smartretry.planner;

/**
 * How much of the smart planner's choice is handed to chance, so that a model retrained on our own
 * retries still sees times it would not have chosen (issue 13): with probability {@code share} a
 * decision's time is drawn uniformly from the hourly candidates the planner scores, every one of
 * them already within every hard rule; otherwise it is the planner's best.
 *
 * <p>The draw is not random in the usual sense: it is a hash of {@code seed}, the invoice's id and
 * the retry's number ({@link ExplorationDraw}), so that deciding the same retry again (after a
 * crash, on another instance) draws the same, and the probability of the time chosen can be
 * computed exactly and recorded.
 *
 * @param share the exploration share ε, from 0 (never) to 1 (always)
 * @param seed mixed into every draw; a different seed draws other invoices
 */
public record Exploration(double share, long seed) {
  /** Never explores: the planner's best, always. */
  public static final Exploration NONE = new Exploration(0, 0);

  public Exploration {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the exploration share must be in [0, 1]: " + share);
    }
  }

  public boolean isOn() {
    return share > 0;
  }
}
