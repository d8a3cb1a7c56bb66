package dev.smartretry.service.metrics;

/**
 * A 95 % confidence interval of a recovery rate, or of a difference of two rates, as the JSON's
 * {@code [lower, upper]} pair. Both ends are finite: an interval that cannot be computed (an arm
 * without invoices) is absent, never NaN, which JSON cannot carry.
 */
public record RateInterval(double lower, double upper) {
  public RateInterval {
    if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
      throw new IllegalArgumentException("Not an interval: [" + lower + ", " + upper + "]");
    }
  }

  /** Whether the interval lies wholly on one side of {@code value}. */
  public boolean excludes(double value) {
    return value < lower || value > upper;
  }
}
