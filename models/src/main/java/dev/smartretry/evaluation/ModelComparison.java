package dev.smartretry.evaluation;

import dev.smartretry.scoring.CalibrationBin;
import dev.smartretry.scoring.ScoreSummary;

/**
 * A champion and a challenger scored on the same history: which is better by each measure, and
 * overall by log loss, the measure training selects by (it rewards ranking and calibration at once,
 * and the planner uses the probabilities themselves).
 *
 * @param model the report of {@code --model}
 * @param against the report of the model it is compared with
 * @param logLoss {@code model} or {@code against}: the lower; {@code tie} when equal to 4 places
 * @param rocAuc the higher
 * @param calibrationError the lower expected calibration error (see {@link #calibrationError})
 * @param better the overall verdict: the one with the lower log loss
 */
public record ModelComparison(
    EvaluationReport model,
    EvaluationReport against,
    String logLoss,
    String rocAuc,
    String calibrationError,
    String better) {
  private static final String MODEL = "model";
  private static final String AGAINST = "against";
  private static final String TIE = "tie";
  // Differences below the fourth place are the noise of the same data scored twice.
  private static final double TOLERANCE = 0.00005;

  /**
   * @throws IllegalArgumentException if the two reports are not of the same history
   */
  public static ModelComparison of(EvaluationReport model, EvaluationReport against) {
    if (model.overall().count() != against.overall().count()) {
      throw new IllegalArgumentException("the two models were scored on different histories");
    }
    String logLoss = lower(model.overall().logLoss(), against.overall().logLoss());
    return new ModelComparison(
        model,
        against,
        logLoss,
        lower(-model.overall().rocAuc(), -against.overall().rocAuc()),
        lower(calibrationError(model.overall()), calibrationError(against.overall())),
        logLoss);
  }

  /**
   * The expected calibration error: the retries' weighted mean distance between the predicted and
   * the observed success rate of their probability bin. 0 is perfectly calibrated.
   */
  public static double calibrationError(ScoreSummary summary) {
    long total = 0;
    double error = 0;
    for (CalibrationBin bin : summary.calibration()) {
      total += bin.count();
      error += bin.count() * Math.abs(bin.meanPredicted() - bin.observedRate());
    }
    return total == 0 ? 0 : error / total;
  }

  private static String lower(double model, double against) {
    if (Math.abs(model - against) < TOLERANCE) {
      return TIE;
    }
    return model < against ? MODEL : AGAINST;
  }
}
