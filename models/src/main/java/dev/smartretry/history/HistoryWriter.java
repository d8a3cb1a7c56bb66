package dev.smartretry.history;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes invoices as attempts CSV, one row per attempt, all columns in the spec's order. A path
 * ending in {@code .gz} is gzip-compressed. Output is a pure function of the invoices written, so
 * the same invoices give byte-identical files.
 */
public final class HistoryWriter implements Closeable {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader(
              Arrays.stream(HistoryColumn.values())
                  .map(HistoryColumn::header)
                  .toArray(String[]::new))
          .setRecordSeparator("\n")
          .get();

  private final CSVPrinter printer;

  private HistoryWriter(CSVPrinter printer) {
    this.printer = printer;
  }

  /** Opens {@code file} for writing, replacing it; gzip when the name ends in {@code .gz}. */
  public static HistoryWriter open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      // A fixed header (no file name, zero mtime) keeps same-seed output byte-identical.
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return toStream(out);
  }

  /** Writes to {@code out}, which the writer closes. */
  public static HistoryWriter toStream(OutputStream out) throws IOException {
    BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    return new HistoryWriter(new CSVPrinter(writer, FORMAT));
  }

  public void write(Invoice invoice) {
    try {
      for (Attempt attempt : invoice.attempts()) {
        printer.printRecord(
            invoice.invoiceId(),
            invoice.customerId(),
            attempt.attemptNumber(),
            attempt.attemptedAt().toString(),
            invoice.amountMinor(),
            invoice.currency(),
            invoice.billingInterval().wireName(),
            invoice.timezone().getId(),
            invoice.customerTenureDays().isPresent() ? invoice.customerTenureDays().getAsInt() : "",
            invoice.card().brand().wireName(),
            invoice.card().funding().wireName(),
            invoice.card().country(),
            invoice.card().issuerId().orElse(""),
            attempt.devices24h().isPresent() ? attempt.devices24h().getAsInt() : "",
            attempt.outcome().wireName(),
            attempt.declineCode() == null ? "" : attempt.declineCode().wireName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
