package dev.smartretry.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.scoring.CalibrationBin;
import dev.smartretry.scoring.ScoreSummary;
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
    return new EvaluationReport(model, "history.csv", 40, 0, overall, List.of(), List.of());
  }
}
