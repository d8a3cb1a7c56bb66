package dev.smartretry.train;

import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The settings of an XGBoost trainer by name: Tribuo's constructors take a dozen numbers by
 * position, which a reader cannot check and a change can silently swap. Always gradient-boosted
 * trees by the histogram method, quiet, with the caller's threads and seed.
 *
 * @param rounds boosting rounds (trees)
 * @param eta learning rate
 * @param gamma least loss reduction to split a leaf
 * @param maxDepth deepest tree
 * @param minChildWeight least hessian sum in a leaf: no leaf for a handful of examples
 * @param subsample share of examples each tree sees
 * @param featureSubsample share of features each tree sees
 * @param lambda L2 regularisation of leaf weights
 * @param alpha L1 regularisation of leaf weights
 */
record BoostedTrees(
    int rounds,
    double eta,
    double gamma,
    int maxDepth,
    double minChildWeight,
    double subsample,
    double featureSubsample,
    double lambda,
    double alpha) {

  /** The success model's trees: deep enough for interactions such as decline code × hour. */
  static final BoostedTrees SUCCESS = new BoostedTrees(150, 0.1, 0, 6, 5, 0.8, 0.8, 1, 0);

  /** The recovery-time regression's: fewer, shallower trees for a smaller, noisier target. */
  static final BoostedTrees RECOVERY_TIME = new BoostedTrees(100, 0.1, 0, 4, 5, 0.8, 0.8, 1, 0);

  XGBoostClassificationTrainer classifier(int threads, long seed) {
    return new XGBoostClassificationTrainer(
        XGBoostTrainer.BoosterType.GBTREE,
        XGBoostTrainer.TreeMethod.HIST,
        rounds,
        eta,
        gamma,
        maxDepth,
        minChildWeight,
        subsample,
        featureSubsample,
        lambda,
        alpha,
        threads,
        XGBoostTrainer.LoggingVerbosity.SILENT,
        seed);
  }

  /** A regression of squared error (the target is log(1 + hours)). */
  XGBoostRegressionTrainer regressor(int threads, long seed) {
    return new XGBoostRegressionTrainer(
        XGBoostTrainer.BoosterType.GBTREE,
        XGBoostTrainer.TreeMethod.HIST,
        XGBoostRegressionTrainer.RegressionType.LINEAR,
        rounds,
        eta,
        gamma,
        maxDepth,
        minChildWeight,
        subsample,
        featureSubsample,
        lambda,
        alpha,
        threads,
        XGBoostTrainer.LoggingVerbosity.SILENT,
        seed);
  }
}
