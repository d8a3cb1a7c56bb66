package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
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
}
