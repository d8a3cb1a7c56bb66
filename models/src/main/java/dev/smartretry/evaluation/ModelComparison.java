package dev.smartretry.evaluation;

import dev.smartretry.scoring.CalibrationBin;
import dev.smartretry.scoring.ScoreSummary;

/**
 * A champion and a challenger scored on the same history: which is better by each measure, and
 * overall by log loss, the measure training selects by (it rewards ranking and calibration at once,
 * and the planner uses the probabilities themselves).
 *
 * <p>The planner's replayed recovery does not decide the overall verdict: it rests on the few
 * retries where each model's planner happened to choose the history's time (a different subsample
 * for each model), and it is biased where the history did not retry at random (see {@link
 * PlannerReplay}), while log loss weighs every retry of the history. It is a check that the better
 * probabilities also make better choices, to read beside the verdict.
 *
 * @param model the report of {@code --model}
 * @param against the report of the model it is compared with
 * @param logLoss {@code model} or {@code against}: the lower; {@code tie} when equal to 4 places
 * @param rocAuc the higher
 * @param calibrationError the lower expected calibration error (see {@link #calibrationError})
 * @param plannerRecovery the higher replayed success rate per retry of the planner (the weighted
 *     estimate); {@code tie} when either rate lies within the other's 95 % interval, or either
 *     model matched none (see {@link #plannerRecovery})
 * @param better the overall verdict: the one with the lower log loss
 */
public record ModelComparison(
    EvaluationReport model,
    EvaluationReport against,
    String logLoss,
    String rocAuc,
    String calibrationError,
    String plannerRecovery,
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
    if (model.overall().count() != against.overall().count()
        || model.replay().decisionPoints() != against.replay().decisionPoints()) {
      throw new IllegalArgumentException("the two models were scored on different histories");
    }
    String logLoss = lower(model.overall().logLoss(), against.overall().logLoss());
    return new ModelComparison(
        model,
        against,
        logLoss,
        lower(-model.overall().rocAuc(), -against.overall().rocAuc()),
        lower(calibrationError(model.overall()), calibrationError(against.overall())),
        plannerRecovery(model.replay(), against.replay()),
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

  /**
   * Which planner's retries would succeed more often, by the replay's weighted estimate. The two
   * rates come from different, small subsamples of the history, so the fourth place that separates
   * the other measures would crown noise: a difference counts only when each rate lies outside the
   * other's 95 % Wilson interval, that is more than 1.96 times the larger standard error apart
   * (about 1.4 standard errors of the difference when the two are alike). A guard against noise,
   * not a significance test: the two subsamples overlap, and share the history's bias.
   */
  static String plannerRecovery(ReplayReport model, ReplayReport against) {
    if (model.matched() == 0 || against.matched() == 0) {
      return TIE;
    }
    double modelRate = model.weightedSuccessRate();
    double againstRate = against.weightedSuccessRate();
    if (model.weightedSuccessInterval().contains(againstRate)
        || against.weightedSuccessInterval().contains(modelRate)) {
      return TIE;
    }
    return modelRate > againstRate ? MODEL : AGAINST;
  }

  private static String lower(double model, double against) {
    if (Math.abs(model - against) < TOLERANCE) {
      return TIE;
    }
    return model < against ? MODEL : AGAINST;
  }
}
