package dev.smartretry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.features.FeatureVector;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PropensityWeightsTest {
  private static RetryExample example(OptionalDouble probability) {
    return new RetryExample(
        new FeatureVector(new String[] {"x"}, new double[] {1}),
        false,
        Instant.EPOCH,
        DeclineCode.DO_NOT_HONOR,
        1,
        probability);
  }

  @Test
  void inverseProbabilitiesAverageOneAndExamplesWithoutOneWeighOne() {
    List<RetryExample> examples =
        List.of(
            example(OptionalDouble.of(0.5)),
            example(OptionalDouble.of(0.25)),
            example(OptionalDouble.empty()));
    PropensityWeights weights = PropensityWeights.of(examples);
    // 2 and 4, scaled to average 1 over the two: 2/3 and 4/3.
    assertThat(weights.weight(0)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(weights.weight(1)).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(weights.weight(2)).isEqualTo(1);
  }

  @Test
  void aWeightIsCutAtTwentyTimesTheMean() {
    List<RetryExample> examples = new ArrayList<>();
    for (int index = 0; index < 999; index++) {
      examples.add(example(OptionalDouble.of(1)));
    }
    examples.add(example(OptionalDouble.of(1e-6)));
    PropensityWeights weights = PropensityWeights.of(examples);
    double total = 0;
    for (int index = 0; index < examples.size(); index++) {
      total += weights.weight(index);
    }
    assertThat(total).isCloseTo(1000, within(1e-9));
    // Twenty times the mean, and the mean is now the others': about 20 times each of them.
    assertThat(weights.weight(999)).isCloseTo(20, within(1e-6));
    assertThat(weights.weight(999) / weights.weight(0)).isBetween(19.9, 20.5);
    assertThat(weights.describe(true, 1000).clipped()).isEqualTo(1);
    assertThat(weights.describe(false, 1000).method()).isEqualTo("none");
  }
}
