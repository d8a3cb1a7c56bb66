package dev.smartretry.cli;

import dev.smartretry.SmartRetryException;
import dev.smartretry.history.HistoryWriter;
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
import picocli.CommandLine;

/**
 * The service's database as a source of history for {@code export}, {@code train --jdbc-url} and
 * {@code evaluate --jdbc-url}: its stored attempts, as the invoices of the history format, checked
 * by the format's value rules.
 */
final class DatabaseHistory {
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
    long[] invoices = {0};
    try {
      long rows;
      try (Connection connection = DriverManager.getConnection(url);
          HistoryWriter writer = HistoryWriter.open(partial);
          Progress progress = Progress.start("export", -1, "rows", 1)) {
        rows =
            StoredHistory.export(
                connection,
                from,
                to,
                invoice -> {
                  writer.write(invoice);
                  invoices[0]++;
                },
                progress::stepTo);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Exported(rows, invoices[0], (System.nanoTime() - started) / 1e9);
    } catch (SQLException e) {
      throw new SmartRetryException(
          "Cannot read the attempts at " + redacted(url) + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * The stored invoices whose first failure is in {@code [from, to)} as a history to train on,
   * streamed from the database into training: no file between them. Its checksum is that of the
   * attempts file {@code export} would write, computed from the same writer as the rows pass.
   */
  static TrainingHistory forTraining(String url, Instant from, Instant to) {
    return (sink, progress) -> {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
      long[] invoices = {0};
      long rows;
      try (Connection connection = DriverManager.getConnection(url);
          HistoryWriter asFile =
              HistoryWriter.toStream(
                  new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
        rows =
            StoredHistory.export(
                connection,
                from,
                to,
                invoice -> {
                  asFile.write(invoice);
                  sink.accept(invoice);
                  invoices[0]++;
                },
                progress);
      } catch (SQLException e) {
        throw new SmartRetryException(
            "Cannot read the attempts at " + redacted(url) + ": " + e.getMessage(), e);
      }
      return new TrainingHistory.Read(
          HexFormat.of().formatHex(sha256.digest()), rows, invoices[0], 0);
    };
  }

  /** The URL without its parameters, where a password may be: errors and logs never show it. */
  static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
