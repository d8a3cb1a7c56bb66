package dev.smartretry.scoring;

import java.util.List;

/**
 * How well probabilities fit outcomes.
 *
 * @param rocAuc chance that a random success is scored above a random failure (0.5 is guessing)
 * @param logLoss mean negative log-likelihood of the outcomes (lower is better)
 * @param brier mean squared error of the probabilities (lower is better)
 * @param successRate the observed share of successes
 * @param meanPredicted the mean probability: close to {@code successRate} when calibrated
 */
public record ScoreSummary(
    long count,
    double rocAuc,
    double logLoss,
    double brier,
    double successRate,
    double meanPredicted,
    List<CalibrationBin> calibration) {}
