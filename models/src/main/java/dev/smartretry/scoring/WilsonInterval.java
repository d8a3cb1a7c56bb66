package dev.smartretry.scoring;

/**
 * The 95 % Wilson score interval of a proportion (Wilson 1927; method 3 of Newcombe, "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17:857-872, 1998),
 * without continuity correction. Unlike the Wald interval it stays within [0, 1] and keeps a
 * non-zero width at 0 of n and n of n, which small subsamples such as a replay's matched retries
 * often show. The service has its own for its control arms; the library cannot depend on it.
 *
 * @param low NaN when there were no trials
 * @param high NaN when there were no trials
 */
public record WilsonInterval(double low, double high) {
  /** The two-sided 95 % quantile of the standard normal distribution. */
  static final double Z_95 = 1.959963984540054;

  /**
   * @throws IllegalArgumentException when the counts are negative or more successes than trials
   */
  public static WilsonInterval of(long successes, long trials) {
    if (successes < 0 || trials < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "not a count of successes of trials: " + successes + " of " + trials);
    }
    if (trials == 0) {
      return new WilsonInterval(Double.NaN, Double.NaN);
    }
    double n = trials;
    double p = successes / n;
    double zz = Z_95 * Z_95;
    double denominator = 1 + zz / n;
    double centre = (p + zz / (2 * n)) / denominator;
    double halfWidth = Z_95 * Math.sqrt(p * (1 - p) / n + zz / (4 * n * n)) / denominator;
    // At 0 of n and n of n one end is 0 or 1 exactly in theory, which rounding misses by 1e-16.
    return new WilsonInterval(
        successes == 0 ? 0 : Math.max(0, centre - halfWidth),
        successes == trials ? 1 : Math.min(1, centre + halfWidth));
  }

  /** Whether {@code value} lies within the interval, ends included; never for an empty one. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
