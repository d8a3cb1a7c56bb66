package dev.smartretry.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Computes a {@link ScoreSummary} from probabilities and outcomes. */
public final class Scores {
  private static final double CLIP = 1e-15;
  private static final int BINS = 10;

  private Scores() {}

  public static ScoreSummary summarize(double[] probabilities, boolean[] outcomes) {
    int count = probabilities.length;
    if (count != outcomes.length) {
      throw new IllegalArgumentException("one outcome per probability");
    }
    double logLoss = 0;
    double brier = 0;
    long successes = 0;
    double predictedSum = 0;
    long[] binCount = new long[BINS];
    double[] binPredicted = new double[BINS];
    long[] binSuccesses = new long[BINS];
    for (int index = 0; index < count; index++) {
      double p = Math.min(1 - CLIP, Math.max(CLIP, probabilities[index]));
      int outcome = outcomes[index] ? 1 : 0;
      logLoss -= outcome == 1 ? Math.log(p) : Math.log(1 - p);
      brier += (probabilities[index] - outcome) * (probabilities[index] - outcome);
      successes += outcome;
      predictedSum += probabilities[index];
      int bin = Math.min(BINS - 1, (int) (probabilities[index] * BINS));
      binCount[bin]++;
      binPredicted[bin] += probabilities[index];
      binSuccesses[bin] += outcome;
    }
    List<CalibrationBin> calibration = new ArrayList<>();
    for (int bin = 0; bin < BINS; bin++) {
      if (binCount[bin] > 0) {
        calibration.add(
            new CalibrationBin(
                (double) bin / BINS,
                (double) (bin + 1) / BINS,
                binCount[bin],
                binPredicted[bin] / binCount[bin],
                (double) binSuccesses[bin] / binCount[bin]));
      }
    }
    return new ScoreSummary(
        count,
        rocAuc(probabilities, outcomes),
        count == 0 ? Double.NaN : logLoss / count,
        count == 0 ? Double.NaN : brier / count,
        count == 0 ? Double.NaN : (double) successes / count,
        count == 0 ? Double.NaN : predictedSum / count,
        calibration);
  }

  /** The Mann-Whitney form of ROC AUC, with ties counted half; NaN when one class is absent. */
  static double rocAuc(double[] probabilities, boolean[] outcomes) {
    int count = probabilities.length;
    Integer[] order = new Integer[count];
    for (int index = 0; index < count; index++) {
      order[index] = index;
    }
    Arrays.sort(order, (a, b) -> Double.compare(probabilities[a], probabilities[b]));
    double rankSumPositives = 0;
    long positives = 0;
    int start = 0;
    while (start < count) {
      int end = start;
      while (end + 1 < count && probabilities[order[end + 1]] == probabilities[order[start]]) {
        end++;
      }
      double averageRank = (start + end) / 2.0 + 1;
      for (int position = start; position <= end; position++) {
        if (outcomes[order[position]]) {
          rankSumPositives += averageRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = count - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0)
        / ((double) positives * negatives);
  }
}
