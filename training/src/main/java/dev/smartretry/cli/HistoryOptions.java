package dev.smartretry.cli;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where {@code train} and {@code evaluate} read a history: an attempts file ({@code --data}), or
 * the attempts the service stored ({@code --jdbc-url}, with {@code --from} and {@code --to} on the
 * first failure).
 */
final class HistoryOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** A file, or the service's database. */
  static final class Source {
    @Option(
        names = "--data",
        required = true,
        paramLabel = "FILE",
        description = "Attempts CSV, plain or gzip.")
    Path data;

    @Option(
        names = "--jdbc-url",
        required = true,
        paramLabel = "URL",
        description =
            "Read the attempts the service stored, in its PostgreSQL (credentials as the"
                + " driver's URL parameters), instead of a file.")
    String jdbcUrl;
  }

  @Option(
      names = "--from",
      paramLabel = "T",
      description = "With --jdbc-url: only invoices whose first failure is at or after T.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "T",
      description = "With --jdbc-url: only invoices whose first failure is before T.")
  Instant to;

  /**
   * @throws CommandLine.ParameterException if {@code --from} or {@code --to} come with a file, or
   *     the URL or the window are not usable
   */
  void check(CommandLine commandLine) {
    if (source.jdbcUrl == null && (from != null || to != null)) {
      throw new CommandLine.ParameterException(
          commandLine, "--from and --to select invoices of --jdbc-url, not of a file");
    }
    if (source.jdbcUrl != null) {
      DatabaseHistory.check(commandLine, source.jdbcUrl, from, to);
    }
  }

  /** The attempts file; null when the history is the database's. */
  Path file() {
    return source.data;
  }

  /** The database's URL; null when the history is a file. */
  String jdbcUrl() {
    return source.jdbcUrl;
  }

  /** The history as a person reads it: the file's name, or the URL without its parameters. */
  String name() {
    if (source.jdbcUrl == null) {
      return source.data.getFileName().toString();
    }
    return DatabaseHistory.redacted(source.jdbcUrl)
        + (from == null ? "" : " from " + from)
        + (to == null ? "" : " to " + to);
  }
}
