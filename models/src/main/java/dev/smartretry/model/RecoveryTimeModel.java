package dev.smartretry.model;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Forecasts, for an invoice that will recover, how many hours after its first failure it does: a
 * Tribuo regression on log(1 + hours) over the features known right after the original charge.
 */
public final class RecoveryTimeModel {
  /** The regression's single output dimension. */
  public static final String TARGET = "log_hours_to_recovery";

  private final Model<Regressor> model;
  private final FeatureExtractor extractor = new FeatureExtractor();

  public RecoveryTimeModel(Model<Regressor> model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  public Model<Regressor> tribuoModel() {
    return model;
  }

  /** The features the forecast uses: the context after the original charge, at its time. */
  public static FeatureVector features(FeatureExtractor extractor, DecisionContext context) {
    DecisionContext afterOriginal =
        new DecisionContext(
            context.amountMinor(),
            context.currency(),
            context.billingInterval(),
            context.timezone(),
            context.customerTenureDays(),
            context.card(),
            context.attempts().subList(0, 1),
            context.lastDevices24h());
    return extractor.features(afterOriginal, context.firstFailureAt());
  }

  /** Expected hours from the first failure to recovery, if it recovers. */
  public double expectedHours(DecisionContext context) {
    FeatureVector features = features(extractor, context);
    ArrayExample<Regressor> example =
        new ArrayExample<>(
            RegressionFactory.UNKNOWN_REGRESSOR, features.names(), features.values());
    double logHours = model.predict(example).getOutput().getValues()[0];
    return Math.max(0, Math.expm1(logHours));
  }
}
