package dev.smartretry.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scores every report is built from, against small cases worked out by hand. */
class ScoresTest {
  private static final boolean T = true;
  private static final boolean F = false;

  private static double auc(double[] probabilities, boolean... outcomes) {
    return Scores.summarize(probabilities, outcomes).rocAuc();
  }

  @Test
  void rocAucIsOneWhenEverySuccessIsScoredAboveEveryFailure() {
    // Shuffled input: the ranking, not the order of the rows, decides.
    assertThat(auc(new double[] {0.9, 0.1, 0.8, 0.2}, T, F, T, F)).isEqualTo(1.0);
  }

  @Test
  void rocAucIsZeroWhenTheRankingIsReversed() {
    assertThat(auc(new double[] {0.9, 0.1, 0.8, 0.2}, F, T, F, T)).isEqualTo(0.0);
  }

  @Test
  void rocAucIsOneHalfWhenEveryScoreTies() {
    assertThat(auc(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}, T, F, F, T, F)).isEqualTo(0.5);
  }

  @Test
  void rocAucCountsPairs() {
    // Pairs (success, failure): 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes: 3 of 4.
    assertThat(auc(new double[] {0.1, 0.4, 0.35, 0.8}, F, F, T, T)).isEqualTo(0.75);
  }

  @Test
  void rocAucCountsATiedPairAsHalf() {
    // Successes 0.5 and 0.9, failures 0.2 and 0.5: 0.5 vs 0.2 = 1, 0.5 vs 0.5 = 1/2, 0.9 beats
    // both = 2, so 3.5 of 4 pairs.
    assertThat(auc(new double[] {0.2, 0.5, 0.5, 0.9}, F, T, F, T)).isEqualTo(0.875);
  }

  @Test
  void rocAucIsUndefinedWithOnlyOneClass() {
    assertThat(auc(new double[] {0.2, 0.7}, T, T)).isNaN();
    assertThat(auc(new double[] {0.2, 0.7}, F, F)).isNaN();
  }

  @Test
  void logLossAndBrierAreTheMeansWorkedOutByHand() {
    ScoreSummary summary = Scores.summarize(new double[] {0.8, 0.3, 0.6}, new boolean[] {T, F, F});

    assertThat(summary.count()).isEqualTo(3);
    // -(ln 0.8 + ln 0.7 + ln 0.4) / 3
    assertThat(summary.logLoss())
        .isCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.4)) / 3, offset(1e-12));
    // (0.2² + 0.3² + 0.6²) / 3 = (0.04 + 0.09 + 0.36) / 3
    assertThat(summary.brier()).isCloseTo(0.49 / 3, offset(1e-12));
    assertThat(summary.successRate()).isCloseTo(1.0 / 3, offset(1e-12));
    assertThat(summary.meanPredicted()).isCloseTo(1.7 / 3, offset(1e-12));
  }

  @Test
  void certainProbabilitiesKeepLogLossFinite() {
    // A model sure of the wrong answer would cost ln(0) = -infinity; clipping to 1e-15 caps it.
    ScoreSummary wrong = Scores.summarize(new double[] {0.0, 1.0}, new boolean[] {T, F});
    ScoreSummary right = Scores.summarize(new double[] {0.0, 1.0}, new boolean[] {F, T});

    // About -ln(1e-15) = 34.5 (1 - 1e-15 is not exact in binary, hence the loose offset).
    assertThat(wrong.logLoss()).isFinite().isCloseTo(-Math.log(1e-15), offset(1e-3));
    assertThat(right.logLoss()).isFinite().isGreaterThanOrEqualTo(0).isLessThan(1e-12);
    // Brier needs no clipping: it is the plain squared error.
    assertThat(wrong.brier()).isEqualTo(1.0);
    assertThat(right.brier()).isEqualTo(0.0);
  }

  @Test
  void calibrationBinsHoldTheirProbabilitiesAndOutcomes() {
    ScoreSummary summary =
        Scores.summarize(
            new double[] {0.05, 0.1, 0.15, 0.19, 0.95, 1.0}, new boolean[] {F, F, T, F, T, T});

    // Empty bins are left out; 0.1 opens [0.1, 0.2) and 1.0 belongs to the last bin, [0.9, 1.0].
    assertThat(summary.calibration())
        .extracting(CalibrationBin::from, CalibrationBin::to, CalibrationBin::count)
        .containsExactly(tuple(0.0, 0.1, 1L), tuple(0.1, 0.2, 3L), tuple(0.9, 1.0, 2L));
    CalibrationBin low = summary.calibration().get(0);
    CalibrationBin middle = summary.calibration().get(1);
    CalibrationBin high = summary.calibration().get(2);
    assertThat(low.meanPredicted()).isCloseTo(0.05, offset(1e-12));
    assertThat(low.observedRate()).isEqualTo(0.0);
    assertThat(middle.meanPredicted()).isCloseTo((0.1 + 0.15 + 0.19) / 3, offset(1e-12));
    assertThat(middle.observedRate()).isCloseTo(1.0 / 3, offset(1e-12));
    assertThat(high.meanPredicted()).isCloseTo(0.975, offset(1e-12));
    assertThat(high.observedRate()).isEqualTo(1.0);
  }

  @Test
  void everyBinEdgeOpensItsOwnBin() {
    // k / 10 must land in [k/10, (k+1)/10), not one below through a rounding slip.
    double[] edges = new double[10];
    for (int k = 0; k < 10; k++) {
      edges[k] = k / 10.0;
    }
    ScoreSummary summary = Scores.summarize(edges, new boolean[10]);

    assertThat(summary.calibration()).hasSize(10);
    for (int k = 0; k < 10; k++) {
      CalibrationBin bin = summary.calibration().get(k);
      assertThat(bin.count()).as("bin %d", k).isEqualTo(1);
      assertThat(bin.meanPredicted()).as("bin %d", k).isEqualTo(k / 10.0);
      assertThat(bin.from()).isEqualTo(k / 10.0);
    }
  }

  @Test
  void binCountsAddUpToTheCount() {
    SplittableRandom random = new SplittableRandom(7);
    double[] probabilities = new double[1_000];
    boolean[] outcomes = new boolean[probabilities.length];
    for (int index = 0; index < probabilities.length; index++) {
      probabilities[index] = random.nextDouble();
      outcomes[index] = random.nextDouble() < probabilities[index];
    }

    ScoreSummary summary = Scores.summarize(probabilities, outcomes);

    assertThat(summary.calibration().stream().mapToLong(CalibrationBin::count).sum())
        .isEqualTo(1_000);
    // Outcomes drawn from the probabilities themselves: a calibrated, informative score.
    assertThat(summary.rocAuc()).isBetween(0.7, 0.9);
    assertThat(summary.successRate()).isCloseTo(summary.meanPredicted(), offset(0.05));
  }

  @Test
  void nothingToScoreGivesNaNsNotZeros() {
    ScoreSummary summary = Scores.summarize(new double[0], new boolean[0]);

    assertThat(summary.count()).isZero();
    assertThat(summary.rocAuc()).isNaN();
    assertThat(summary.logLoss()).isNaN();
    assertThat(summary.brier()).isNaN();
    assertThat(summary.calibration()).isEmpty();
  }

  @Test
  void everyProbabilityNeedsAnOutcome() {
    assertThatThrownBy(() -> Scores.summarize(new double[] {0.1, 0.2}, new boolean[] {T}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
