package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {
  private final FeatureExtractor extractor = new FeatureExtractor();

  @Test
  void settledTreesScoreCandidatesAsXgboostDoes() {
    // Raw scores, not calibrated ones: an isotonic calibration is a step function that would hide
    // small differences.
    SuccessModel model = new SuccessModel(TinyModels.xgboost(), Calibration.identity());
    TreeEnsemble trees = TreeEnsemble.of(model.tribuoModel(), extractor);
    Random random = new Random(11);
    int compared = 0;
    for (int decision = 0; decision < 40; decision++) {
      DecisionContext context = TinyModels.randomContext(random);
      ContextFeatures features = extractor.context(context);
      List<Instant> candidates = new ArrayList<>();
      List<FeatureVector> vectors = new ArrayList<>();
      Instant previous = context.previousAttempt().attemptedAt();
      for (int step = 0; step < 200; step++) {
        Instant candidate = previous.plus(Duration.ofMinutes(7L * step + random.nextInt(7)));
        candidates.add(candidate);
        vectors.add(extractor.at(features, candidate));
      }

      double[] settled = trees.settle(features).rawScores(previous, candidates);
      double[] tribuo = model.tribuoRawScores(vectors);

      for (int index = 0; index < settled.length; index++) {
        assertThat(settled[index]).isCloseTo(tribuo[index], within(1e-6));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(8_000);
  }

  @Test
  void aDecisionsPreparedScorerGivesTheModelsProbabilities() {
    // The planner asks the prepared scorer several times per decision; it must mean the same.
    SuccessModel model = new SuccessModel(TinyModels.xgboost(), TinyModels.xgboostCalibration());
    Random random = new Random(5);
    for (int decision = 0; decision < 20; decision++) {
      DecisionContext context = TinyModels.randomContext(random);
      List<Instant> candidates = new ArrayList<>();
      for (int step = 1; step <= 100; step++) {
        candidates.add(
            context.previousAttempt().attemptedAt().plus(Duration.ofMinutes(15L * step)));
      }
      var prepared = model.forDecision(context);

      assertThat(prepared.probabilities(candidates))
          .containsExactly(model.probabilities(context, candidates));
      assertThat(prepared.probabilities(candidates.subList(10, 20)))
          .containsExactly(model.probabilities(context, candidates.subList(10, 20)));
    }
  }

  @Test
  void scoresAfterAMovedPreviousAttemptAreThoseOfTheMovedContext() {
    // The planner looks at retries after one it has not made yet by moving the previous attempt;
    // the trees' fast path and the logistic path must both mean the context as moved.
    Random random = new Random(8);
    for (SuccessModel model :
        List.of(
            new SuccessModel(TinyModels.xgboost(), TinyModels.xgboostCalibration()),
            new SuccessModel(TinyModels.logistic(), Calibration.identity()))) {
      for (int decision = 0; decision < 20; decision++) {
        DecisionContext before = TinyModels.randomContext(random);
        Instant retried = before.previousAttempt().attemptedAt().plus(Duration.ofHours(2));
        DecisionContext context = before.afterFailedRetry(retried);
        Instant moved = retried.plus(Duration.ofHours(30));
        List<Instant> candidates = new ArrayList<>();
        for (int step = 1; step <= 60; step++) {
          candidates.add(moved.plus(Duration.ofMinutes(45L * step)));
        }

        assertThat(model.forDecision(context).probabilitiesAfter(moved, candidates))
            .containsExactly(model.probabilities(context.withPreviousAttemptAt(moved), candidates));
      }
    }
  }

  @Test
  void onlyXgboostClassifiersHaveTrees() {
    assertThat(TreeEnsemble.of(TinyModels.logistic(), extractor)).isNull();
    assertThat(TreeEnsemble.of(TinyModels.xgboost(), extractor)).isNotNull();
  }
}
