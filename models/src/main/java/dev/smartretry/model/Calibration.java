package dev.smartretry.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps a classifier's raw success score to a probability that means what it says: isotonic
 * regression (pool adjacent violators) fitted on held-out data, each step's rate smoothed by half a
 * success and half a failure, applied by linear interpolation between its steps. The identity
 * calibration leaves scores as they are.
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
    // Blocks of pooled points: successes, weight and the mean score they cover. Equal scores
    // start in one block: a tree model gives many examples the same score, and the order of
    // examples with equal scores must not change the fit.
    double[] successes = new double[count];
    double[] weights = new double[count];
    double[] blockScores = new double[count];
    int blocks = 0;
    int position = 0;
    while (position < count) {
      double score = rawScores[order[position]];
      int tiedSuccesses = 0;
      int tied = 0;
      while (position < count && Double.compare(rawScores[order[position]], score) == 0) {
        tiedSuccesses += succeeded[order[position]] ? 1 : 0;
        tied++;
        position++;
      }
      successes[blocks] = tiedSuccesses;
      weights[blocks] = tied;
      blockScores[blocks] = score;
      blocks = pool(successes, weights, blockScores, blocks + 1, false);
    }
    // Each block's rate is then smoothed by half a success and half a failure, so that a small
    // block at either end never claims certain failure or success (one surprise would cost an
    // infinite log loss), and pooled again where smoothing broke the order.
    int smoothedBlocks = 0;
    for (int block = 0; block < blocks; block++) {
      successes[smoothedBlocks] = successes[block];
      weights[smoothedBlocks] = weights[block];
      blockScores[smoothedBlocks] = blockScores[block];
      smoothedBlocks = pool(successes, weights, blockScores, smoothedBlocks + 1, true);
    }
    double[] blockProbability = new double[smoothedBlocks];
    for (int block = 0; block < smoothedBlocks; block++) {
      blockProbability[block] = rate(successes[block], weights[block], true);
    }
    return new Calibration(Arrays.copyOf(blockScores, smoothedBlocks), blockProbability);
  }

  /**
   * Pools the last block into its predecessors while their rates do not increase; returns the
   * number of blocks left.
   */
  private static int pool(
      double[] successes, double[] weights, double[] scores, int blocks, boolean smoothed) {
    while (blocks > 1
        && rate(successes[blocks - 2], weights[blocks - 2], smoothed)
            >= rate(successes[blocks - 1], weights[blocks - 1], smoothed)) {
      double pooled = weights[blocks - 2] + weights[blocks - 1];
      scores[blocks - 2] =
          (scores[blocks - 2] * weights[blocks - 2] + scores[blocks - 1] * weights[blocks - 1])
              / pooled;
      successes[blocks - 2] += successes[blocks - 1];
      weights[blocks - 2] = pooled;
      blocks--;
    }
    return blocks;
  }

  private static double rate(double successes, double weight, boolean smoothed) {
    return smoothed ? (successes + 0.5) / (weight + 1) : successes / weight;
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
