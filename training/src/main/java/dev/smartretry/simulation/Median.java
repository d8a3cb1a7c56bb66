package dev.smartretry.simulation;

import java.util.Arrays;

/** The middle of some numbers, NaN ones left out. */
final class Median {
  private Median() {}

  /** The median of the numbers that are not NaN; NaN when none is left. */
  static double of(double... values) {
    double[] sorted =
        Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
    int count = sorted.length;
    if (count == 0) {
      return Double.NaN;
    }
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }
}
