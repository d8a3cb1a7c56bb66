package dev.smartretry.cli;

import dev.smartretry.SmartRetryException;
import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.StoredHistory;
import dev.smartretry.train.TrainingHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import picocli.CommandLine;

/**
 * The service's database as a source of history for {@code export}, {@code train --jdbc-url} and
 * {@code evaluate --jdbc-url}: its stored attempts, as the invoices of the history format, checked
 * by the format's value rules, with each scheduler's retry's selection probability as the extra
 * column {@code selection_probability} (which training weighs by, and other readers ignore).
 */
final class DatabaseHistory {
  // Invoices read ahead of training at most.
  private static final int HAND_OVER = 4_096;

  /** What an export wrote. */
  record Exported(long rows, long invoices, double seconds) {}

  private DatabaseHistory() {}

  /**
   * @throws CommandLine.ParameterException if {@code url} is not a PostgreSQL JDBC URL or the
   *     window is empty
   */
  static void check(CommandLine commandLine, String url, Instant from, Instant to) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--jdbc-url must be a PostgreSQL JDBC URL, like jdbc:postgresql://host:5432/db: "
              + redacted(url));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new CommandLine.ParameterException(
          commandLine, "--from must be before --to: " + from + " is not before " + to);
    }
  }

  /**
   * Writes the stored invoices whose first failure is in {@code [from, to)} to {@code out}. The
   * file is written beside {@code out} and moved over it at the end: a failed export leaves no half
   * file, and an earlier one in its place stays whole. The name keeps its ending, so {@code .gz}
   * still compresses.
   *
   * @throws SmartRetryException naming the URL without its parameters (where a password may be)
   */
  static Exported export(String url, Instant from, Instant to, Path out) throws IOException {
    long started = System.nanoTime();
    Path target = out.toAbsolutePath();
    Path partial =
        target.resolveSibling(
            ".export-" + ProcessHandle.current().pid() + "-" + target.getFileName());
    try {
      Written written;
      try (HistoryWriter writer =
              HistoryWriter.open(partial, HistoryWriter.Columns.WITH_SELECTION_PROBABILITY);
          Progress progress = Progress.start("export", -1, "rows", 1)) {
        written = write(url, from, to, writer, invoice -> {}, progress::stepTo);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Exported(written.rows(), written.invoices(), (System.nanoTime() - started) / 1e9);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** What {@link #write} wrote. */
  private record Written(long rows, long invoices) {}

  /**
   * Writes the stored invoices to {@code writer}, handing each to {@code also} as well.
   *
   * @throws SmartRetryException naming the URL without its parameters, if it cannot be read
   */
  private static Written write(
      String url,
      Instant from,
      Instant to,
      HistoryWriter writer,
      Consumer<Invoice> also,
      LongConsumer progress) {
    long[] invoices = {0};
    try (Connection connection = DriverManager.getConnection(url)) {
      long rows =
          StoredHistory.export(
              connection,
              from,
              to,
              invoice -> {
                writer.write(invoice);
                also.accept(invoice);
                invoices[0]++;
              },
              progress);
      return new Written(rows, invoices[0]);
    } catch (SQLException e) {
      throw new SmartRetryException(
          "Cannot read the attempts at " + redacted(url) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The stored invoices whose first failure is in {@code [from, to)} as a history to train on,
   * streamed from the database into training: no file between them. Its checksum is that of the
   * attempts file {@code export} would write, computed from the same writer as the rows pass.
   */
  static TrainingHistory forTraining(String url, Instant from, Instant to) {
    return (sink, progress) -> {
      // Two stages on two threads: this one reads and checks the rows (and writes them, for the
      // checksum), the caller's turns invoices into examples; a bounded queue between them keeps
      // memory flat.
      BlockingQueue<Optional<Invoice>> handOver = new ArrayBlockingQueue<>(HAND_OVER);
      ExecutorService reader =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "stored-history-reader");
                thread.setDaemon(true);
                return thread;
              });
      try {
        Future<TrainingHistory.Read> read =
            reader.submit(() -> readAndHandOver(url, from, to, handOver, progress));
        for (Optional<Invoice> next = handOver.take(); next.isPresent(); next = handOver.take()) {
          sink.accept(next.get());
        }
        return read.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the stored history", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IOException(e.getCause());
      } finally {
        reader.shutdownNow();
      }
    };
  }

  private static TrainingHistory.Read readAndHandOver(
      String url,
      Instant from,
      Instant to,
      BlockingQueue<Optional<Invoice>> handOver,
      LongConsumer progress)
      throws IOException, InterruptedException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    Written written;
    try (HistoryWriter asFile =
        HistoryWriter.toStream(
            new DigestOutputStream(OutputStream.nullOutputStream(), sha256),
            HistoryWriter.Columns.WITH_SELECTION_PROBABILITY)) {
      written =
          write(url, from, to, asFile, invoice -> put(handOver, Optional.of(invoice)), progress);
    } finally {
      // The end, also after a failure: the consumer stops waiting and asks for the result.
      handOver.put(Optional.empty());
    }
    return new TrainingHistory.Read(
        HexFormat.of().formatHex(sha256.digest()), written.rows(), written.invoices(), 0);
  }

  private static void put(BlockingQueue<Optional<Invoice>> handOver, Optional<Invoice> invoice) {
    try {
      handOver.put(invoice);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the stored history's reading was stopped", e);
    }
  }

  /** The URL without its parameters, where a password may be: errors and logs never show it. */
  static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
