package dev.smartretry.train;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.history.Invoice;
import dev.smartretry.model.RecoveryTimeModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The examples of one history, collected invoice by invoice: every retry row for the success
 * classifier, and every recovered invoice for the recovery-time regression.
 */
final class TrainingSet implements Consumer<Invoice> {
  /** A recovered invoice: its features after the original charge and log(1 + hours to recovery). */
  record RecoveryExample(FeatureVector features, double logHours, Instant invoiceStart) {}

  private final FeatureExtractor extractor;
  private final List<RetryExample> retries = new ArrayList<>();
  private final List<RecoveryExample> recoveries = new ArrayList<>();

  TrainingSet(FeatureExtractor extractor) {
    this.extractor = extractor;
  }

  @Override
  public void accept(Invoice invoice) {
    retries.addAll(RetryExample.of(invoice, extractor));
    if (invoice.recovered()) {
      Instant recoveredAt = invoice.attempts().get(invoice.attempts().size() - 1).attemptedAt();
      double hours = Duration.between(invoice.firstFailureAt(), recoveredAt).getSeconds() / 3600.0;
      recoveries.add(
          new RecoveryExample(
              RecoveryTimeModel.features(extractor, DecisionContext.beforeAttempt(invoice, 1)),
              Math.log1p(hours),
              invoice.firstFailureAt()));
    }
  }

  /** Sorts both lists by invoice start, so a time split is a pair of cut points. */
  void sortByTime() {
    retries.sort(Comparator.comparing(RetryExample::invoiceStart));
    recoveries.sort(Comparator.comparing(RecoveryExample::invoiceStart));
  }

  List<RetryExample> retries() {
    return retries;
  }

  List<RecoveryExample> recoveries() {
    return recoveries;
  }
}
