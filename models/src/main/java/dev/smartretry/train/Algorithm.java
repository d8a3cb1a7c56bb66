package dev.smartretry.train;

import java.util.List;
import java.util.Locale;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/** The success classifiers training compares. */
public enum Algorithm {
  /** Logistic regression by SGD (AdaGrad): fast, and a baseline the trees must beat. */
  LOGISTIC,
  /**
   * Gradient-boosted trees (XGBoost, histogram method): learns interactions such as code × hour.
   */
  XGBOOST;

  /** What {@code train} compares when no algorithm is named: every one. */
  public static final List<Algorithm> AUTO = List.of(values());

  private static final int SGD_EPOCHS = 5;
  // Tribuo's SGD logs every loggingInterval steps at INFO; a training set never reaches this.
  private static final int SGD_QUIET = Integer.MAX_VALUE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  Trainer<Label> trainer(long seed, int threads) {
    return switch (this) {
      case LOGISTIC ->
          new LinearSGDTrainer(
              new LogMulticlass(), new AdaGrad(0.1, 0.1), SGD_EPOCHS, SGD_QUIET, 1, seed);
      case XGBOOST -> BoostedTrees.SUCCESS.classifier(threads, seed);
    };
  }
}
