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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes invoices as attempts CSV, one row per attempt, all the spec's columns in its order, and on
 * request this project's {@code selection_probability} after them (empty where unknown), which
 * other readers ignore as an unknown column. A path ending in {@code .gz} is gzip-compressed.
 * Output is a pure function of the invoices written, so the same invoices give byte-identical
 * files.
 */
public final class HistoryWriter implements Closeable {
  /** Which columns a file has. */
  public enum Columns {
    /** The spec's columns only: what a generated world or any other billing system has. */
    SPEC,
    /** The spec's, then {@code selection_probability}: an export of the service's history. */
    WITH_SELECTION_PROBABILITY;

    private CSVFormat format() {
      return CSVFormat.RFC4180
          .builder()
          .setHeader(
              Arrays.stream(HistoryColumn.values())
                  .filter(column -> this == WITH_SELECTION_PROBABILITY || !column.isExtension())
                  .map(HistoryColumn::header)
                  .toArray(String[]::new))
          .setRecordSeparator("\n")
          .get();
    }
  }

  private final CSVPrinter printer;
  private final Columns columns;

  private HistoryWriter(CSVPrinter printer, Columns columns) {
    this.printer = printer;
    this.columns = columns;
  }

  /** Opens {@code file} for writing, replacing it; gzip when the name ends in {@code .gz}. */
  public static HistoryWriter open(Path file) throws IOException {
    return open(file, Columns.SPEC);
  }

  /** The same, with {@code columns}. */
  public static HistoryWriter open(Path file, Columns columns) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      // A fixed header (no file name, zero mtime) keeps same-seed output byte-identical.
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return toStream(out, columns);
  }

  /** Writes to {@code out}, which the writer closes. */
  public static HistoryWriter toStream(OutputStream out) throws IOException {
    return toStream(out, Columns.SPEC);
  }

  /** The same, with {@code columns}. */
  public static HistoryWriter toStream(OutputStream out, Columns columns) throws IOException {
    BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    return new HistoryWriter(new CSVPrinter(writer, columns.format()), columns);
  }

  public void write(Invoice invoice) {
    try {
      List<Object> values = new ArrayList<>(HistoryColumn.values().length);
      for (Attempt attempt : invoice.attempts()) {
        values.clear();
        values.add(invoice.invoiceId());
        values.add(invoice.customerId());
        values.add(attempt.attemptNumber());
        values.add(attempt.attemptedAt().toString());
        values.add(invoice.amountMinor());
        values.add(invoice.currency());
        values.add(invoice.billingInterval().wireName());
        values.add(invoice.timezone().getId());
        values.add(
            invoice.customerTenureDays().isPresent()
                ? invoice.customerTenureDays().getAsInt()
                : "");
        values.add(invoice.card().brand().wireName());
        values.add(invoice.card().funding().wireName());
        values.add(invoice.card().country());
        values.add(invoice.card().issuerId().orElse(""));
        values.add(attempt.devices24h().isPresent() ? attempt.devices24h().getAsInt() : "");
        values.add(attempt.outcome().wireName());
        values.add(attempt.declineCode() == null ? "" : attempt.declineCode().wireName());
        if (columns == Columns.WITH_SELECTION_PROBABILITY) {
          // Double.toString is exact to read back: the same double, whatever the file's reader.
          values.add(
              attempt.selectionProbability().isPresent()
                  ? Double.toString(attempt.selectionProbability().getAsDouble())
                  : "");
        }
        printer.printRecord(values);
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
