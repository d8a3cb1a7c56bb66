package dev.smartretry.service.metrics;

/** How figures are written: rates to four places, like the spec's examples; others to two. */
final class Rounding {
  private Rounding() {}

  /** {@code part / whole} to four places; 0 for an empty whole. */
  static double ratio(long part, long whole) {
    return whole == 0 ? 0 : fourPlaces((double) part / whole);
  }

  static double fourPlaces(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  static double twoPlaces(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
