package dev.smartretry.evaluation;

import dev.smartretry.scoring.ScoreSummary;

/**
 * How the model did on one group of retries (a previous decline code, a retry number).
 *
 * @param rocAuc NaN when the group holds only successes or only failures
 */
public record GroupScore(
    String group,
    long count,
    double successRate,
    double meanPredicted,
    double rocAuc,
    double logLoss,
    double brier) {

  static GroupScore of(String group, ScoreSummary summary) {
    return new GroupScore(
        group,
        summary.count(),
        summary.successRate(),
        summary.meanPredicted(),
        summary.rocAuc(),
        summary.logLoss(),
        summary.brier());
  }
}
