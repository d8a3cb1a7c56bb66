package dev.smartretry.cli;

import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.ReadReport;
import dev.smartretry.inspect.HistoryInspection;
import dev.smartretry.inspect.HistorySummary;
import dev.smartretry.inspect.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "A first look at an attempts file: rows, invoices, date range, retry success by decline code,"
          + " retry number and local hour, and the rows the reader rejected, by rule.",
      "Exit code 1 when the file cannot be read (or, with --strict, breaks any rule)."
    })
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "Attempts CSV, plain or gzip.")
  Path data;

  @Option(names = "--strict", description = "Stop at the first broken rule instead of skipping.")
  boolean strict;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    HistoryInspection inspection = new HistoryInspection();
    ReadReport report;
    long size = Files.isRegularFile(data) ? Files.size(data) : 0;
    try (Progress progress = Progress.start("inspect", size, "MB", 1 << 20)) {
      report =
          HistoryReader.builder()
              .strict(strict)
              .progress(progress::stepTo)
              .build()
              .read(data, inspection);
    }
    HistorySummary summary = inspection.summary(report);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(summary));
      out.flush();
    } else {
      SummaryTable.print(summary, out);
    }
    return 0;
  }
}
