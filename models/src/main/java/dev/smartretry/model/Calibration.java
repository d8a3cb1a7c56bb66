package dev.smartretry.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps a classifier's raw success score to a probability that means what it says: isotonic
 * regression (pool adjacent violators) fitted on held-out data, applied by linear interpolation
 * between its steps. The identity calibration leaves scores as they are.
 *
 * @param scores increasing raw scores at the steps
 * @param probabilities the calibrated probability at each step, non-decreasing
 */
public record Calibration(double[] scores, double[] probabilities) {
  public Calibration {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(probabilities, "probabilities");
    if (scores.length != probabilities.length) {
      throw new IllegalArgumentException("one probability per score");
    }
    scores = scores.clone();
    probabilities = probabilities.clone();
  }

  public static Calibration identity() {
    return new Calibration(new double[] {0, 1}, new double[] {0, 1});
  }

  /** Fits the isotonic map from raw scores to observed outcomes (1 = succeeded). */
  public static Calibration fit(double[] rawScores, boolean[] succeeded) {
    int count = rawScores.length;
    if (count == 0) {
      return identity();
    }
    Integer[] order = new Integer[count];
    for (int index = 0; index < count; index++) {
      order[index] = index;
    }
    Arrays.sort(order, (a, b) -> Double.compare(rawScores[a], rawScores[b]));
    // Blocks of pooled points: mean outcome, weight and the mean score they cover.
    double[] blockMean = new double[count];
    double[] blockWeight = new double[count];
    double[] blockScore = new double[count];
    int blocks = 0;
    for (int position = 0; position < count; position++) {
      int index = order[position];
      blockMean[blocks] = succeeded[index] ? 1 : 0;
      blockWeight[blocks] = 1;
      blockScore[blocks] = rawScores[index];
      blocks++;
      while (blocks > 1 && blockMean[blocks - 2] >= blockMean[blocks - 1]) {
        double weight = blockWeight[blocks - 2] + blockWeight[blocks - 1];
        blockMean[blocks - 2] =
            (blockMean[blocks - 2] * blockWeight[blocks - 2]
                    + blockMean[blocks - 1] * blockWeight[blocks - 1])
                / weight;
        blockScore[blocks - 2] =
            (blockScore[blocks - 2] * blockWeight[blocks - 2]
                    + blockScore[blocks - 1] * blockWeight[blocks - 1])
                / weight;
        blockWeight[blocks - 2] = weight;
        blocks--;
      }
    }
    return new Calibration(Arrays.copyOf(blockScore, blocks), Arrays.copyOf(blockMean, blocks));
  }

  public double apply(double rawScore) {
    if (rawScore <= scores[0]) {
      return probabilities[0];
    }
    int last = scores.length - 1;
    if (rawScore >= scores[last]) {
      return probabilities[last];
    }
    int found = Arrays.binarySearch(scores, rawScore);
    if (found >= 0) {
      return probabilities[found];
    }
    int upper = -found - 1;
    int lower = upper - 1;
    double share = (rawScore - scores[lower]) / (scores[upper] - scores[lower]);
    return probabilities[lower] + share * (probabilities[upper] - probabilities[lower]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Calibration calibration
        && Arrays.equals(scores, calibration.scores)
        && Arrays.equals(probabilities, calibration.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(scores) + Arrays.hashCode(probabilities);
  }
}
