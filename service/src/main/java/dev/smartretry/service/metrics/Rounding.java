package dev.smartretry.service.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How figures are written: rates to four places, like the spec's examples; p-values to three
 * significant digits; others to two places.
 */
final class Rounding {
  private Rounding() {}

  /** {@code part / whole} to four places; 0 for an empty whole. */
  static double ratio(long part, long whole) {
    return whole == 0 ? 0 : fourPlaces((double) part / whole);
  }

  static double fourPlaces(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /**
   * {@code value} to three significant digits: a p-value far below 0.0001 stays itself rather than
   * reading as 0.
   */
  static double threeSignificant(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    return new BigDecimal(value).round(new MathContext(3)).doubleValue();
  }

  static double twoPlaces(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
