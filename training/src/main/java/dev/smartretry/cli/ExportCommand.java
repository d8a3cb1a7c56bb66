package dev.smartretry.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
    DatabaseHistory.check(spec.commandLine(), jdbcUrl, from, to);
    DatabaseHistory.Exported exported = DatabaseHistory.export(jdbcUrl, from, to, out);
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "exported %,d attempts of %,d invoices to %s in %.1f s (%,.0f rows/s)%n",
        exported.rows(),
        exported.invoices(),
        out,
        exported.seconds(),
        exported.rows() / Math.max(exported.seconds(), 1e-9));
    err.flush();
    return 0;
  }
}
