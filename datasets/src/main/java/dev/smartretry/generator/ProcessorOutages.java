package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A processor or issuer outage that caused the first failure lasts a log-normal time from it,
 * capped at {@code maxHours}. Independently, any retry hits some other short outage with {@code
 * randomHitProbability}, and then fails with one of the codes.
 *
 * @param codes the codes reported during an outage, with weights
 * @param medianMinutes median outage duration
 * @param durationSpread log-normal spread of durations
 * @param maxHours longest outage
 * @param duringSuccess chance a retry during the outage succeeds
 * @param afterSuccess chance a retry after it succeeds
 * @param randomHitProbability chance that any retry hits an outage, whatever the invoice
 */
public record ProcessorOutages(
    Map<String, Double> codes,
    double medianMinutes,
    double durationSpread,
    double maxHours,
    double duringSuccess,
    double afterSuccess,
    double randomHitProbability) {
  public ProcessorOutages {
    codes = Check.codes("processorOutages.codes", codes, false);
    Check.positive("processorOutages.medianMinutes", medianMinutes);
    Check.nonNegative("processorOutages.durationSpread", durationSpread);
    Check.positive("processorOutages.maxHours", maxHours);
    Check.probability("processorOutages.duringSuccess", duringSuccess);
    Check.probability("processorOutages.afterSuccess", afterSuccess);
    Check.probability("processorOutages.randomHitProbability", randomHitProbability);
  }

  /** A world's outages, drawn for {@link RandomWorlds}: minutes to hours, rare to frequent. */
  static ProcessorOutages drawn(SplittableRandom random, ProcessorOutages defaults) {
    return new ProcessorOutages(
        defaults.codes(),
        Draws.logUniform(random, 5, 300),
        Draws.uniform(random, 0.5, 1.5),
        Draws.uniform(random, 2.0, 24.0),
        Draws.uniform(random, 0, 0.05),
        Draws.uniform(random, 0.6, 0.95),
        Draws.uniform(random, 0, 0.04));
  }
}
