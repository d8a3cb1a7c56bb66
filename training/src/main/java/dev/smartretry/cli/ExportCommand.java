package dev.smartretry.cli;

import dev.smartretry.SmartRetryException;
import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.StoredHistory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the attempts the service stored (registered, retried by the scheduler, reported by"
          + " billing systems) as an attempts file that train, evaluate and inspect read.",
      "Exit code 1 when the database cannot be read or the file cannot be written."
    })
final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--jdbc-url",
      required = true,
      paramLabel = "URL",
      description =
          "The service's PostgreSQL, credentials as the driver's URL parameters, e.g."
              + " jdbc:postgresql://db:5432/smart_retry?user=reader&password=...")
  String jdbcUrl;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The attempts file to write; gzip when its name ends in .gz.")
  Path out;

  @Option(
      names = "--from",
      paramLabel = "T",
      description = "Only invoices whose first failure is at or after T (ISO-8601 UTC instant).")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "T",
      description = "Only invoices whose first failure is before T (ISO-8601 UTC instant).")
  Instant to;

  @Override
  public Integer call() throws Exception {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--jdbc-url must be a PostgreSQL JDBC URL, like jdbc:postgresql://host:5432/db: "
              + redacted(jdbcUrl));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--from must be before --to: " + from + " is not before " + to);
    }
    long started = System.nanoTime();
    long rows;
    long[] invoices = {0};
    // Written beside the file and moved over it at the end: a failed export leaves no half file,
    // and an earlier one in its place stays whole. The name keeps its ending, so .gz still gzips.
    Path absolute = out.toAbsolutePath();
    Path partial =
        absolute.resolveSibling(
            ".export-" + ProcessHandle.current().pid() + "-" + out.getFileName());
    try {
      try (Connection connection = DriverManager.getConnection(jdbcUrl);
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
          partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw new SmartRetryException(
          "Cannot read the attempts at " + redacted(jdbcUrl) + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(partial);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "exported %,d attempts of %,d invoices to %s in %.1f s (%,.0f rows/s)%n",
        rows, invoices[0], out, seconds, rows / Math.max(seconds, 1e-9));
    err.flush();
    return 0;
  }

  /** The URL without its parameters, where a password may be: errors and logs never show it. */
  static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
