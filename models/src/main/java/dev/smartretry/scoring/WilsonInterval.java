package dev.smartretry.scoring;

/**
 * The 95 % Wilson score interval of a proportion (Wilson 1927; method 3 of Newcombe, "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17:857-872, 1998),
 * without continuity correction. Unlike the Wald interval it stays within [0, 1] and keeps a
 * non-zero width at 0 of n and n of n, which small subsamples such as a replay's matched retries
 * often show. The service's uplift uses it for the control group's arms.
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
    WilsonInterval interval = ofRate((double) successes / trials, trials);
    // At 0 of n and n of n one end is 0 or 1 exactly in theory, which rounding misses by 1e-16.
    return new WilsonInterval(
        successes == 0 ? 0 : interval.low, successes == trials ? 1 : interval.high);
  }

  /**
   * The interval of a rate observed on {@code trials} trials, which may be an effective number (of
   * weighted trials, say) rather than a count.
   *
   * @throws IllegalArgumentException when the rate is not within [0, 1] or trials are negative
   */
  public static WilsonInterval ofRate(double rate, double trials) {
    if (!(rate >= 0 && rate <= 1) || !(trials >= 0)) {
      throw new IllegalArgumentException("not a rate of trials: " + rate + " of " + trials);
    }
    if (trials == 0) {
      return new WilsonInterval(Double.NaN, Double.NaN);
    }
    double zz = Z_95 * Z_95;
    double denominator = 1 + zz / trials;
    double centre = (rate + zz / (2 * trials)) / denominator;
    double halfWidth =
        Z_95 * Math.sqrt(rate * (1 - rate) / trials + zz / (4 * trials * trials)) / denominator;
    return new WilsonInterval(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
  }

  /** Whether {@code value} lies within the interval, ends included; never for an empty one. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
