package dev.smartretry.train;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts time-ordered examples by invoice start: about the earliest 70% of retries train, the next
 * 15% fit the calibration, the latest 15% validate, each cut falling between invoices so an
 * invoice's retries stay together. Later invoices never teach the model about earlier ones, as in
 * production, where a model only ever scores invoices after its training data.
 */
record TimeSplit(Instant calibrationFrom, Instant validationFrom) {
  static final double TRAIN_SHARE = 0.70;
  static final double CALIBRATION_SHARE = 0.15;

  /** The cut points from the sorted invoice starts. */
  static TimeSplit of(List<Instant> sortedInvoiceStarts) {
    int count = sortedInvoiceStarts.size();
    return new TimeSplit(
        sortedInvoiceStarts.get((int) (count * TRAIN_SHARE)),
        sortedInvoiceStarts.get((int) (count * (TRAIN_SHARE + CALIBRATION_SHARE))));
  }

  <T> List<T> train(List<T> sorted, Function<T, Instant> start) {
    return sorted.subList(0, firstAtOrAfter(sorted, start, calibrationFrom));
  }

  <T> List<T> calibration(List<T> sorted, Function<T, Instant> start) {
    return sorted.subList(
        firstAtOrAfter(sorted, start, calibrationFrom),
        firstAtOrAfter(sorted, start, validationFrom));
  }

  <T> List<T> validation(List<T> sorted, Function<T, Instant> start) {
    return sorted.subList(firstAtOrAfter(sorted, start, validationFrom), sorted.size());
  }

  private static <T> int firstAtOrAfter(List<T> sorted, Function<T, Instant> start, Instant cut) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (start.apply(sorted.get(middle)).isBefore(cut)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
