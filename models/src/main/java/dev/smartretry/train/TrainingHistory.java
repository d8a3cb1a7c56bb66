package dev.smartretry.train;

import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.ReadReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Where training reads its invoices from: an attempts file, or (in the command line) the service's
 * stored attempts. Either hands over invoices of the history format, checked by its value rules,
 * and says what the history's checksum is: the SHA-256 of the history as an attempts file, so that
 * the same history has the same checksum whichever way it came.
 */
@FunctionalInterface
public interface TrainingHistory {
  /**
   * What a read found.
   *
   * @param sha256 of the history as an attempts file
   */
  record Read(String sha256, long rowsAccepted, long invoicesAccepted, long rowsRejected) {}

  /** Hands every invoice to {@code sink}; tells {@code progress} how far it got, now and then. */
  Read readInto(Consumer<Invoice> sink, LongConsumer progress) throws IOException;

  /** An attempts file, plain or gzip, read by the history reader. */
  static TrainingHistory file(Path data) {
    return (sink, progress) -> {
      String sum = ModelTraining.sha256(data);
      ReadReport read = HistoryReader.builder().progress(progress).build().read(data, sink);
      return new Read(sum, read.rowsAccepted(), read.invoicesAccepted(), read.rowsRejected());
    };
  }
}
