package dev.smartretry.service.metrics;

import java.util.Optional;

/**
 * The 95 % Wilson score interval of one proportion (Wilson 1927; method 3 of Newcombe, "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17:857-872, 1998),
 * without continuity correction. Unlike the Wald interval it stays within [0, 1] and keeps a
 * non-zero width at 0 of n and n of n, which small control arms often show.
 */
public final class WilsonScoreInterval {
  private WilsonScoreInterval() {}

  /** The interval of {@code successes} of {@code trials}; absent for no trials. */
  public static Optional<RateInterval> of(long successes, long trials) {
    Counts.check(successes, trials);
    if (trials == 0) {
      return Optional.empty();
    }
    double n = trials;
    double p = successes / n;
    double z = StandardNormal.Z_95;
    double zz = z * z;
    double denominator = 1 + zz / n;
    double centre = (p + zz / (2 * n)) / denominator;
    double halfWidth = z * Math.sqrt(p * (1 - p) / n + zz / (4 * n * n)) / denominator;
    // At 0 of n and n of n one end is 0 or 1 exactly in theory; clamping drops rounding's 1e-17.
    return Optional.of(
        new RateInterval(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)));
  }
}
