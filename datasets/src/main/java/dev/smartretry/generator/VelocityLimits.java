package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The card reached its issuer's daily limit on the number of transactions; it resets at the next
 * local midnight.
 *
 * @param codes the codes reported, with weights
 * @param sameDaySuccess chance a retry before the next local midnight succeeds
 * @param nextDaySuccess chance a retry after it succeeds
 */
public record VelocityLimits(
    Map<String, Double> codes, double sameDaySuccess, double nextDaySuccess) {
  public VelocityLimits {
    codes = Check.codes("velocityLimits.codes", codes, false);
    Check.probability("velocityLimits.sameDaySuccess", sameDaySuccess);
    Check.probability("velocityLimits.nextDaySuccess", nextDaySuccess);
  }

  /** A world's velocity limits, drawn for {@link RandomWorlds}. */
  static VelocityLimits drawn(SplittableRandom random, VelocityLimits defaults) {
    return new VelocityLimits(
        defaults.codes(), Draws.uniform(random, 0, 0.1), Draws.uniform(random, 0.4, 0.95));
  }
}
