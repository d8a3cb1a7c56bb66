package dev.smartretry.model;

import dev.smartretry.SmartRetryException;
import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.planner.InputEffect;
import dev.smartretry.planner.SuccessScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * P(a retry at a given time succeeds | what is known at the decision): a Tribuo classifier over the
 * shared features, followed by its calibration. Thread-safe: Tribuo models predict concurrently.
 */
public final class SuccessModel implements SuccessScorer {
  private final Model<Label> model;
  private final Calibration calibration;
  private final FeatureExtractor extractor = new FeatureExtractor();
  private final BoosterBatch boosterBatch;
  private final TreeEnsemble trees;

  public SuccessModel(Model<Label> model, Calibration calibration) {
    this.model = Objects.requireNonNull(model, "model");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    if (!model.getOutputIDInfo().getDomain().contains(Outcomes.SUCCEEDED)) {
      throw new SmartRetryException(
          "the classifier does not predict the label '" + Outcomes.SUCCEEDED_NAME + "'");
    }
    this.boosterBatch = BoosterBatch.of(model);
    this.trees = TreeEnsemble.of(model, extractor);
  }

  public Model<Label> tribuoModel() {
    return model;
  }

  public Calibration calibration() {
    return calibration;
  }

  public FeatureExtractor extractor() {
    return extractor;
  }

  /** The calibrated probability for one feature vector. */
  public double probability(FeatureVector features) {
    return calibration.apply(rawScore(model.predict(example(features))));
  }

  /** Calibrated probabilities of retries at each candidate time: what the planner asks. */
  @Override
  public double[] probabilities(DecisionContext context, List<Instant> candidates) {
    return forDecision(context).probabilities(candidates);
  }

  /** Prepares the context once, and for boosted trees settles them once, for many batches. */
  @Override
  public CandidateScorer forDecision(DecisionContext context) {
    return prepared(extractor.context(context));
  }

  /**
   * Each input's effect is the model's own answer to "what if it did not know this?": the
   * probability with the input, less the probability with the input absent, all others as they are.
   * Absent is what the model sees for an unknown value, so no made-up baseline enters.
   */
  @Override
  public List<InputEffect> inputEffects(DecisionContext context, Instant at, int count) {
    FeatureVector features = extractor.at(extractor.context(context), at);
    int size = features.size();
    List<FeatureVector> variants = new ArrayList<>(size + 1);
    variants.add(features);
    for (int left = 0; left < size; left++) {
      String[] names = new String[size - 1];
      double[] values = new double[size - 1];
      for (int index = 0, kept = 0; index < size; index++) {
        if (index != left) {
          names[kept] = features.names()[index];
          values[kept++] = features.values()[index];
        }
      }
      variants.add(new FeatureVector(names, values));
    }
    double[] probabilities = calibrated(rawScores(variants));
    List<InputEffect> effects = new ArrayList<>(size);
    for (int index = 0; index < size; index++) {
      effects.add(
          new InputEffect(
              features.names()[index],
              features.values()[index],
              probabilities[0] - probabilities[index + 1]));
    }
    effects.sort(
        Comparator.comparingDouble((InputEffect effect) -> Math.abs(effect.effect())).reversed());
    return List.copyOf(effects.subList(0, Math.min(count, effects.size())));
  }

  /** Calibrated probabilities of retries at each candidate time, in one batch. */
  public double[] probabilities(ContextFeatures context, List<Instant> candidates) {
    return prepared(context).probabilities(candidates);
  }

  private CandidateScorer prepared(ContextFeatures context) {
    if (trees != null) {
      TreeEnsemble.Settled settled = trees.settle(context);
      return new CandidateScorer() {
        @Override
        public double[] probabilities(List<Instant> candidates) {
          return calibrated(settled.rawScores(previousAt(context), candidates));
        }

        @Override
        public double[] probabilitiesAfter(Instant previousAt, List<Instant> candidates) {
          return calibrated(settled.rawScores(previousAt, candidates));
        }
      };
    }
    return new CandidateScorer() {
      @Override
      public double[] probabilities(List<Instant> candidates) {
        return scored(context, candidates);
      }

      @Override
      public double[] probabilitiesAfter(Instant previousAt, List<Instant> candidates) {
        // The context's own features do not depend on when its last attempt was made.
        return scored(
            new ContextFeatures(
                context.decision().withPreviousAttemptAt(previousAt),
                context.names(),
                context.values()),
            candidates);
      }
    };
  }

  private double[] scored(ContextFeatures context, List<Instant> candidates) {
    List<FeatureVector> features = new ArrayList<>(candidates.size());
    for (Instant candidate : candidates) {
      features.add(extractor.at(context, candidate));
    }
    return calibrated(rawScores(features));
  }

  private static Instant previousAt(ContextFeatures context) {
    return context.decision().previousAttempt().attemptedAt();
  }

  private double[] calibrated(double[] raw) {
    for (int index = 0; index < raw.length; index++) {
      raw[index] = calibration.apply(raw[index]);
    }
    return raw;
  }

  /** Uncalibrated scores, for fitting a calibration. */
  public double[] rawScores(List<FeatureVector> features) {
    if (features.isEmpty()) {
      return new double[0];
    }
    return boosterBatch != null ? boosterBatch.rawScores(features) : tribuoRawScores(features);
  }

  /** Uncalibrated scores through Tribuo's own prediction path, which the fast path must match. */
  double[] tribuoRawScores(List<FeatureVector> features) {
    List<Example<Label>> examples = new ArrayList<>(features.size());
    for (FeatureVector vector : features) {
      examples.add(example(vector));
    }
    List<Prediction<Label>> predictions = model.predict(examples);
    double[] scores = new double[predictions.size()];
    for (int index = 0; index < scores.length; index++) {
      scores[index] = rawScore(predictions.get(index));
    }
    return scores;
  }

  /** An unlabelled example, as Tribuo wants for prediction. */
  public static Example<Label> example(FeatureVector features) {
    return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features.names(), features.values());
  }

  private static double rawScore(Prediction<Label> prediction) {
    Label label = prediction.getOutputScores().get(Outcomes.SUCCEEDED_NAME);
    return label == null ? 0 : label.getScore();
  }
}
