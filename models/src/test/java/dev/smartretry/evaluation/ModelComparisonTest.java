package dev.smartretry.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.scoring.CalibrationBin;
import dev.smartretry.scoring.ScoreSummary;
import dev.smartretry.scoring.WilsonInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {
  @Test
  void calibrationErrorWeighsEachBinByItsRetries() {
    ScoreSummary summary =
        summary(
            0.5,
            0.7,
            List.of(
                new CalibrationBin(0.1, 0.2, 30, 0.15, 0.25),
                new CalibrationBin(0.5, 0.6, 10, 0.55, 0.55)));
    // (30 × 0.10 + 10 × 0) / 40
    assertThat(ModelComparison.calibrationError(summary)).isCloseTo(0.075, within(1e-12));
  }

  @Test
  void theLowerLogLossIsBetterAndEqualFiguresTie() {
    List<CalibrationBin> bins = List.of(new CalibrationBin(0.2, 0.3, 100, 0.25, 0.25));
    EvaluationReport champion = report("champion", summary(0.55, 0.71, bins));
    EvaluationReport challenger = report("challenger", summary(0.52, 0.70, bins));

    ModelComparison comparison = ModelComparison.of(challenger, champion);
    assertThat(comparison.logLoss()).isEqualTo("model");
    assertThat(comparison.rocAuc()).isEqualTo("against");
    assertThat(comparison.calibrationError()).isEqualTo("tie");
    assertThat(comparison.better()).isEqualTo("model");
    assertThat(ModelComparison.of(champion, champion).better()).isEqualTo("tie");
  }

  @Test
  void thePlannerRecoveryGoesToTheHigherRateOnlyOutsideBothIntervals() {
    // 60 of 100 is 0.50 to 0.69 by Wilson and 30 of 100 0.22 to 0.40: neither holds the other.
    assertThat(ModelComparison.plannerRecovery(replay(100, 60), replay(100, 30)))
        .isEqualTo("model");
    assertThat(ModelComparison.plannerRecovery(replay(100, 30), replay(100, 60)))
        .isEqualTo("against");
    // 35 of 100 is 0.26 to 0.45, which holds 0.30: a difference of that size is a tie.
    assertThat(ModelComparison.plannerRecovery(replay(100, 35), replay(100, 30))).isEqualTo("tie");
    assertThat(ModelComparison.plannerRecovery(replay(100, 30), replay(100, 35))).isEqualTo("tie");
    // Nothing matched, nothing to compare: even 1 of 1 against that does not win.
    assertThat(ModelComparison.plannerRecovery(replay(1, 1), replay(0, 0))).isEqualTo("tie");
  }

  @Test
  void thePlannerRecoveryDoesNotDecideTheOverallVerdict() {
    List<CalibrationBin> bins = List.of(new CalibrationBin(0.2, 0.3, 100, 0.25, 0.25));
    EvaluationReport champion =
        new EvaluationReport(
            "champion",
            "history.csv",
            40,
            0,
            summary(0.55, 0.71, bins),
            List.of(),
            List.of(),
            replay(100, 60));
    EvaluationReport challenger =
        new EvaluationReport(
            "challenger",
            "history.csv",
            40,
            0,
            summary(0.52, 0.70, bins),
            List.of(),
            List.of(),
            replay(100, 30));

    ModelComparison comparison = ModelComparison.of(challenger, champion);
    assertThat(comparison.plannerRecovery()).isEqualTo("against");
    assertThat(comparison.better()).isEqualTo("model");
  }

  @Test
  void replaysOfDifferentHistoriesAreNotCompared() {
    List<CalibrationBin> bins = List.of();
    EvaluationReport a = report("a", summary(0.5, 0.7, bins));
    EvaluationReport b =
        new EvaluationReport(
            "b",
            "history.csv",
            40,
            0,
            summary(0.5, 0.7, bins),
            List.of(),
            List.of(),
            replay(999, 10, 3));
    assertThatThrownBy(() -> ModelComparison.of(a, b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsOfDifferentHistoriesAreNotCompared() {
    List<CalibrationBin> bins = List.of();
    EvaluationReport a = report("a", summary(0.5, 0.7, bins));
    EvaluationReport b = report("b", new ScoreSummary(99, 0.7, 0.5, 0.2, 0.3, 0.3, bins));
    assertThatThrownBy(() -> ModelComparison.of(a, b)).isInstanceOf(IllegalArgumentException.class);
  }

  private static ScoreSummary summary(double logLoss, double rocAuc, List<CalibrationBin> bins) {
    return new ScoreSummary(100, rocAuc, logLoss, 0.2, 0.3, 0.3, bins);
  }

  private static EvaluationReport report(String model, ScoreSummary overall) {
    return new EvaluationReport(
        model, "history.csv", 40, 0, overall, List.of(), List.of(), replay(10, 3));
  }

  /** A replay of 1,000 decision points of which {@code matched} matched. */
  private static ReplayReport replay(long matched, long successes) {
    return replay(1000, matched, successes);
  }

  private static ReplayReport replay(long decisionPoints, long matched, long successes) {
    return new ReplayReport(
        8,
        "PT336H",
        "PT1H",
        "PT2H",
        400,
        decisionPoints,
        0,
        matched,
        (double) matched / decisionPoints,
        successes,
        matched == 0 ? Double.NaN : (double) successes / matched,
        WilsonInterval.of(successes, matched),
        // Weights all alike: the weighted figures are the plain ones.
        matched == 0 ? Double.NaN : (double) successes / matched,
        matched,
        WilsonInterval.of(successes, matched),
        300,
        0.3,
        200,
        successes);
  }
}
