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
    if (scores.length == 0) {
      throw new IllegalArgumentException("a calibration needs at least one step");
    }
    for (int index = 0; index < scores.length; index++) {
      if (!Double.isFinite(scores[index])
          || !(probabilities[index] >= 0 && probabilities[index] <= 1)) {
        throw new IllegalArgumentException(
            "step " + index + " is not a finite score with a probability in [0, 1]");
      }
      if (index > 0
          && (scores[index] <= scores[index - 1]
              || probabilities[index] < probabilities[index - 1])) {
        throw new IllegalArgumentException(
            "step " + index + ": scores must increase and probabilities must not decrease");
      }
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
    // Blocks of pooled points: mean outcome, weight and the mean score they cover. Equal scores
    // start in one block: a tree model gives many examples the same score, and the order of
    // examples with equal scores must not change the fit.
    double[] blockMean = new double[count];
    double[] blockWeight = new double[count];
    double[] blockScore = new double[count];
    int blocks = 0;
    int position = 0;
    while (position < count) {
      double score = rawScores[order[position]];
      int successes = 0;
      int weight = 0;
      while (position < count && Double.compare(rawScores[order[position]], score) == 0) {
        successes += succeeded[order[position]] ? 1 : 0;
        weight++;
        position++;
      }
      blockMean[blocks] = (double) successes / weight;
      blockWeight[blocks] = weight;
      blockScore[blocks] = score;
      blocks++;
      while (blocks > 1 && blockMean[blocks - 2] >= blockMean[blocks - 1]) {
        double pooled = blockWeight[blocks - 2] + blockWeight[blocks - 1];
        blockMean[blocks - 2] =
            (blockMean[blocks - 2] * blockWeight[blocks - 2]
                    + blockMean[blocks - 1] * blockWeight[blocks - 1])
                / pooled;
        blockScore[blocks - 2] =
            (blockScore[blocks - 2] * blockWeight[blocks - 2]
                    + blockScore[blocks - 1] * blockWeight[blocks - 1])
                / pooled;
        blockWeight[blocks - 2] = pooled;
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
