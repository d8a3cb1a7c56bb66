package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.planner.InputEffect;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputEffectsTest {
  @Test
  void anEffectIsTheProbabilityLessTheProbabilityWithoutTheInput() {
    for (SuccessModel model :
        List.of(
            new SuccessModel(TinyModels.xgboost(), TinyModels.xgboostCalibration()),
            new SuccessModel(TinyModels.logistic(), Calibration.identity()))) {
      Random random = new Random(11);
      for (int decision = 0; decision < 10; decision++) {
        DecisionContext context = TinyModels.randomContext(random);
        Instant at = TinyModels.randomCandidate(context, random);
        FeatureVector features = model.extractor().at(model.extractor().context(context), at);

        List<InputEffect> effects = model.inputEffects(context, at, 5);

        assertThat(effects)
            .hasSize(Math.min(5, features.size()))
            .isSortedAccordingTo(
                Comparator.comparingDouble((InputEffect effect) -> -Math.abs(effect.effect())));
        for (InputEffect effect : effects) {
          assertThat(effect.value()).isEqualTo(features.value(effect.input()));
          double without = model.probability(without(features, effect.input()));
          assertThat(effect.effect())
              .isCloseTo(model.probability(features) - without, within(1e-5));
        }
        assertThat(effects.get(0).effect()).isNotZero();
      }
    }
  }

  private static FeatureVector without(FeatureVector features, String name) {
    int index = Arrays.asList(features.names()).indexOf(name);
    String[] names = new String[features.size() - 1];
    double[] values = new double[features.size() - 1];
    for (int from = 0, to = 0; from < features.size(); from++) {
      if (from != index) {
        names[to] = features.names()[from];
        values[to++] = features.values()[from];
      }
    }
    return new FeatureVector(names, values);
  }
}
