package dev.smartretry.train;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One retry row as a training or evaluation example: the features of what was known when it was
 * decided, at the time it ran, and whether it succeeded.
 *
 * @param invoiceStart the invoice's first failure, which orders the time split
 * @param previousCode the decline code the retry followed, for per-code figures
 * @param retryNumber 1 for the first retry after the original charge
 * @param selectionProbability the probability with which the planner chose the retry's time, when
 *     the history recorded it
 */
public record RetryExample(
    FeatureVector features,
    boolean succeeded,
    Instant invoiceStart,
    DeclineCode previousCode,
    int retryNumber,
    OptionalDouble selectionProbability) {
  public RetryExample {
    Objects.requireNonNull(selectionProbability, "selectionProbability");
  }

  /** An example whose time's selection probability is unknown. */
  public RetryExample(
      FeatureVector features,
      boolean succeeded,
      Instant invoiceStart,
      DeclineCode previousCode,
      int retryNumber) {
    this(features, succeeded, invoiceStart, previousCode, retryNumber, OptionalDouble.empty());
  }

  /** Every retry of {@code invoice}, oldest first. */
  public static List<RetryExample> of(Invoice invoice, FeatureExtractor extractor) {
    List<RetryExample> examples = new ArrayList<>(invoice.attempts().size() - 1);
    for (int index = 1; index < invoice.attempts().size(); index++) {
      Attempt retry = invoice.attempts().get(index);
      DecisionContext context = DecisionContext.beforeAttempt(invoice, index);
      examples.add(
          new RetryExample(
              extractor.features(context, retry.attemptedAt()),
              retry.succeeded(),
              invoice.firstFailureAt(),
              context.previousAttempt().declineCode(),
              index,
              retry.selectionProbability()));
    }
    return examples;
  }
}
