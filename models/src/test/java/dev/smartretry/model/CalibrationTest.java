package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void identityLeavesScores() {
    assertThat(Calibration.identity().apply(0.37)).isCloseTo(0.37, within(1e-12));
  }

  @Test
  void fitsAnOverconfidentScorer() {
    // True probability is half the raw score: the calibration must learn to halve it.
    Random random = new Random(3);
    int count = 50_000;
    double[] scores = new double[count];
    boolean[] outcomes = new boolean[count];
    for (int index = 0; index < count; index++) {
      scores[index] = random.nextDouble();
      outcomes[index] = random.nextDouble() < scores[index] / 2;
    }

    Calibration calibration = Calibration.fit(scores, outcomes);

    assertThat(calibration.apply(0.2)).isCloseTo(0.1, within(0.03));
    assertThat(calibration.apply(0.8)).isCloseTo(0.4, within(0.03));
  }

  @Test
  void isMonotone() {
    Random random = new Random(5);
    double[] scores = new double[2_000];
    boolean[] outcomes = new boolean[2_000];
    for (int index = 0; index < scores.length; index++) {
      scores[index] = random.nextDouble();
      outcomes[index] = random.nextBoolean();
    }

    Calibration calibration = Calibration.fit(scores, outcomes);

    double previous = -1;
    for (double score = 0; score <= 1; score += 0.001) {
      double probability = calibration.apply(score);
      assertThat(probability).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
      previous = probability;
    }
  }

  @Test
  void poolsEqualScoresWhateverTheirOrder() {
    // A tree model gives many examples the same score; the fit must see their success rate, and
    // the order in which they arrive must not matter.
    double[] scores = {0.2, 0.2, 0.2, 0.2, 0.8, 0.8};
    boolean[] failuresFirst = {false, false, true, true, false, true};
    boolean[] successesFirst = {true, true, false, false, false, true};

    Calibration one = Calibration.fit(scores, failuresFirst);
    Calibration other = Calibration.fit(scores, successesFirst);

    assertThat(one).isEqualTo(other);
    assertThat(one.apply(0.2)).isCloseTo(0.5, within(1e-12));
    assertThat(one.apply(0.8)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void neverClaimsCertainty() {
    // Perfectly separated held-out data: a plain isotonic fit would say 0 and 1, and one later
    // surprise would cost an infinite log loss.
    double[] scores = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    boolean[] outcomes = {false, false, false, true, true, true};

    Calibration calibration = Calibration.fit(scores, outcomes);

    assertThat(calibration.apply(0.0)).isCloseTo(0.5 / 4, within(1e-12));
    assertThat(calibration.apply(1.0)).isCloseTo(3.5 / 4, within(1e-12));
  }

  @Test
  void refusesStepsThatWouldMislead() {
    assertThatThrownBy(() -> new Calibration(new double[0], new double[0]))
        .hasMessageContaining("at least one step");
    assertThatThrownBy(() -> new Calibration(new double[] {0.9, 0.1}, new double[] {0.1, 0.3}))
        .hasMessageContaining("scores must increase");
    assertThatThrownBy(() -> new Calibration(new double[] {0.1, 0.9}, new double[] {0.6, 0.3}))
        .hasMessageContaining("must not decrease");
    assertThatThrownBy(() -> new Calibration(new double[] {0.1, 0.9}, new double[] {0.1, 1.5}))
        .hasMessageContaining("[0, 1]");
  }
}
