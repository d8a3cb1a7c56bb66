package dev.smartretry.service.metrics;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal distribution the intervals and the z-test are built on. */
final class StandardNormal {
  // No random generator: nothing here samples, and the default one costs a seeded Well19937c.
  private static final NormalDistribution DISTRIBUTION = new NormalDistribution(null, 0, 1);

  /** The two-sided 95 % critical value, 1.959964; computed, not the rounded 1.96. */
  static final double Z_95 = DISTRIBUTION.inverseCumulativeProbability(0.975);

  private StandardNormal() {}

  /** P(|Z| >= |z|). */
  static double twoSidedTail(double z) {
    // The lower tail at -|z| rather than 1 - Φ(|z|), which cancels to 0 for large z.
    return Math.min(1, 2 * DISTRIBUTION.cumulativeProbability(-Math.abs(z)));
  }
}
