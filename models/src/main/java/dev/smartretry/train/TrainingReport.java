package dev.smartretry.train;

import dev.smartretry.scoring.ScoreSummary;
import java.util.Map;

/**
 * What training measured, written as the model directory's {@code metrics.json}.
 *
 * @param selected the algorithm kept
 * @param candidates each algorithm's calibrated scores on the validation invoices
 * @param uncalibrated the kept classifier's raw scores on the same invoices
 * @param recoveryTime the recovery-time regression against a naive baseline
 */
public record TrainingReport(
    String selected,
    Map<String, ScoreSummary> candidates,
    ScoreSummary uncalibrated,
    RecoveryTimeScores recoveryTime,
    Split split) {

  /**
   * Mean absolute error, in hours, of the forecast and of the naive baseline (the training median)
   * on the validation invoices that recovered.
   */
  public record RecoveryTimeScores(
      long validationInvoices,
      double maeHours,
      double baselineMaeHours,
      double baselineMedianHours) {}

  /** Examples in each part of the time split, and where it was cut. */
  public record Split(
      long trainExamples,
      long calibrationExamples,
      long validationExamples,
      String calibrationFrom,
      String validationFrom) {}

  public ScoreSummary validation() {
    return candidates.get(selected);
  }
}
