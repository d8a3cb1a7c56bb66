package dev.smartretry.train;

import dev.smartretry.SmartRetryException;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.model.RecoveryTimeModel;
import java.util.function.Consumer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The recovery-time regression that training writes beside the success model: boosted trees on
 * log(1 + hours from the first failure to the recovery) of recovered invoices, split by time like
 * the success model's examples, and judged against the median of the training hours.
 */
final class RecoveryTimeTraining {
  private final int threads;
  private final long seed;
  private final Consumer<String> log;

  RecoveryTimeTraining(int threads, long seed, Consumer<String> log) {
    this.threads = threads;
    this.seed = seed;
    this.log = log;
  }

  /** The regression and how it did on the validation invoices. */
  record Fit(Model<Regressor> model, TrainingReport.RecoveryTimeScores scores) {}

  /**
   * @param dataSum the SHA-256 of the history trained on, for the model's provenance
   * @throws SmartRetryException if no invoice of the training share was recovered
   */
  Fit fit(TrainingSet set, TimeSplit split, String dataSum) {
    var all = set.recoveries();
    var train = split.train(all, TrainingSet.RecoveryExample::invoiceStart);
    var validation = split.validation(all, TrainingSet.RecoveryExample::invoiceStart);
    if (train.isEmpty()) {
      throw new SmartRetryException("no recovered invoice to learn recovery times from");
    }
    RegressionFactory factory = new RegressionFactory();
    MutableDataset<Regressor> dataset =
        new MutableDataset<>(ModelTraining.provenance(dataSum, factory), factory);
    for (var example : train) {
      FeatureVector features = example.features();
      dataset.add(
          new ArrayExample<>(
              new Regressor(RecoveryTimeModel.TARGET, example.logHours()),
              features.names(),
              features.values()));
    }
    Model<Regressor> model = BoostedTrees.RECOVERY_TIME.regressor(threads, seed).train(dataset);
    double[] trainHours =
        train.stream().mapToDouble(e -> Math.expm1(e.logHours())).sorted().toArray();
    double median = trainHours[trainHours.length / 2];
    double error = 0;
    double baselineError = 0;
    for (var example : validation) {
      double actual = Math.expm1(example.logHours());
      ArrayExample<Regressor> unlabelled =
          new ArrayExample<>(
              RegressionFactory.UNKNOWN_REGRESSOR,
              example.features().names(),
              example.features().values());
      double predicted =
          Math.max(0, Math.expm1(model.predict(unlabelled).getOutput().getValues()[0]));
      error += Math.abs(predicted - actual);
      baselineError += Math.abs(median - actual);
    }
    int count = validation.size();
    TrainingReport.RecoveryTimeScores scores =
        new TrainingReport.RecoveryTimeScores(
            count,
            count == 0 ? Double.NaN : error / count,
            count == 0 ? Double.NaN : baselineError / count,
            median);
    log.accept(
        String.format(
            "recovery time: validation MAE %.1f h against %.1f h for the median baseline",
            scores.maeHours(), scores.baselineMaeHours()));
    return new Fit(model, scores);
  }
}
