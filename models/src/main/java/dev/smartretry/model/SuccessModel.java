package dev.smartretry.model;

import dev.smartretry.SmartRetryException;
import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.planner.SuccessScorer;
import java.time.Instant;
import java.util.ArrayList;
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

  /** Calibrated probabilities of retries at each candidate time, in one batch. */
  public double[] probabilities(ContextFeatures context, List<Instant> candidates) {
    return prepared(context).probabilities(candidates);
  }

  private CandidateScorer prepared(ContextFeatures context) {
    if (trees != null) {
      TreeEnsemble.Settled settled = trees.settle(context);
      return candidates -> calibrated(settled.rawScores(candidates));
    }
    return candidates -> {
      List<FeatureVector> features = new ArrayList<>(candidates.size());
      for (Instant candidate : candidates) {
        features.add(extractor.at(context, candidate));
      }
      return calibrated(rawScores(features));
    };
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
