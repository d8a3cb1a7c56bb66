package dev.smartretry.history;

import dev.smartretry.SmartRetryException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads an attempts file (plain or gzip CSV, detected by content) and hands each valid invoice to a
 * sink, enforcing every rule of the format.
 *
 * <p>It reads in two passes. The first streams the file, checks each row on its own and feeds the
 * good ones to an external sort by invoice and attempt number; the second merges the sorted runs,
 * so the rows of an invoice arrive together however the file was ordered, and checks each invoice
 * as a whole. Memory is bounded by {@link Builder#maxRowsInMemory} rows plus one invoice, whatever
 * the file's size. Invoices reach the sink in {@code invoice_id} order.
 *
 * <p>Lenient (the default): a bad row rejects its invoice, whole, and is counted by rule in the
 * {@link ReadReport}. Strict: the first broken rule stops the read. Either way a broken file rule
 * (no header, missing column, truncated gzip, not CSV) stops it, with a {@link SmartRetryException}
 * that names the file, line, column and rule. File and row rules are all checked before the sink
 * sees anything; a strict read can still fail on an invoice rule after the sink has seen earlier
 * invoices, so callers keep their output until {@code read} returns.
 */
public final class HistoryReader {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
          .get();

  private final boolean strict;
  private final int maxRowsInMemory;
  private final Path tempDirectory;
  private final LongConsumer progress;

  private HistoryReader(Builder builder) {
    this.strict = builder.strict;
    this.maxRowsInMemory = builder.maxRowsInMemory;
    this.tempDirectory = builder.tempDirectory;
    this.progress = builder.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code file}, passing each valid invoice to {@code sink}.
   *
   * @throws SmartRetryException when a file rule is broken, or any rule in strict mode
   */
  public ReadReport read(Path file, Consumer<Invoice> sink) {
    String name = file.toString();
    ReadTally tally = new ReadTally(name, strict);
    if (!Files.isRegularFile(file)) {
      throw new SmartRetryException(name + ": no such file");
    }
    Set<String> invoicesWithBadRows = new HashSet<>();
    try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
        Reader text = utf8(decompressed(counted));
        CSVParser parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        RowSorter sorter = new RowSorter(maxRowsInMemory, tempDirectory)) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        tally.reject(
            fileProblem(name, HistoryRule.EMPTY_FILE, "nothing to read, not even a header"));
      }
      if (header.stream().anyMatch(column -> column.indexOf('\0') >= 0)) {
        tally.reject(fileProblem(name, HistoryRule.NOT_CSV, "the header holds binary data"));
      }
      RowParser rows = RowParser.forHeader(header, tally);
      long lastLine = parser.getCurrentLineNumber();
      long reportedBytes = 0;
      for (CSVRecord record : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        tally.rowRead();
        AttemptRow row = rows.parse(record, line);
        if (row != null) {
          sorter.add(row);
        } else {
          String invoiceId = rows.invoiceIdOf(record);
          if (!invoiceId.isEmpty() && invoicesWithBadRows.add(invoiceId)) {
            tally.invoiceRejected();
          }
        }
        if (counted.count - reportedBytes >= 1 << 20) {
          reportedBytes = counted.count;
          progress.accept(reportedBytes);
        }
      }
      progress.accept(counted.count);
      if (tally.rowsRead() == 0) {
        tally.reject(fileProblem(name, HistoryRule.NO_ROWS, "the header is followed by no rows"));
      }
      new InvoiceAssembler(tally, invoicesWithBadRows, sink).assemble(sorter.sorted());
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(name, e instanceof UncheckedIOException u ? u.getCause() : e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // commons-csv reports a header it cannot use this way.
      throw new SmartRetryException(
          fileProblem(name, HistoryRule.NOT_CSV, e.getMessage()).toString(), e);
    }
    return tally.report();
  }

  private static SmartRetryException unreadable(String name, Throwable cause) {
    HistoryProblem problem;
    if (cause instanceof EOFException || cause instanceof ZipException) {
      problem =
          fileProblem(
              name,
              HistoryRule.TRUNCATED_FILE,
              "the gzip stream is cut short or corrupt (" + cause.getMessage() + ")");
    } else if (cause instanceof CharacterCodingException) {
      problem = fileProblem(name, HistoryRule.NOT_CSV, "the file is not UTF-8 text");
    } else {
      problem =
          fileProblem(name, HistoryRule.NOT_CSV, "cannot be read as CSV: " + cause.getMessage());
    }
    return new SmartRetryException(problem.toString(), cause);
  }

  private static HistoryProblem fileProblem(String name, HistoryRule rule, String detail) {
    return new HistoryProblem(name, 0, null, rule, detail);
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    // Detected by the gzip magic number, not the file name: exports get renamed.
    boolean gzip = first == 0x1f && second == 0x8b;
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static Reader utf8(InputStream in) {
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** Counts the bytes read from the file itself, before decompression, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int value = super.read();
      if (value >= 0) {
        count++;
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        count += read;
      }
      return read;
    }
  }

  /** Configures a reader; every setting has a default. */
  public static final class Builder {
    private boolean strict;
    private int maxRowsInMemory = 250_000;
    private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private LongConsumer progress = bytes -> {};

    private Builder() {}

    /** Stop at the first broken rule instead of skipping bad rows and invoices. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Rows kept in memory before a sorted run is spilled to disk. */
    public Builder maxRowsInMemory(int maxRowsInMemory) {
      if (maxRowsInMemory < 1) {
        throw new IllegalArgumentException("maxRowsInMemory must be at least 1");
      }
      this.maxRowsInMemory = maxRowsInMemory;
      return this;
    }

    /** Where sorted runs are spilled; they are deleted when the read ends. */
    public Builder tempDirectory(Path tempDirectory) {
      this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
      return this;
    }

    /** Told the number of file bytes read so far, now and then during the first pass. */
    public Builder progress(LongConsumer progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    public HistoryReader build() {
      return new HistoryReader(this);
    }
  }
}
