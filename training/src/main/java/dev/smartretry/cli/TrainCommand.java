package dev.smartretry.cli;

import dev.smartretry.train.Algorithm;
import dev.smartretry.train.ModelTraining;
import dev.smartretry.train.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a model directory from an attempts file: every retry row is an example of what was"
          + " known at its decision; earlier invoices train, later ones calibrate and validate.",
      "With --algorithm auto, logistic regression and XGBoost are both trained and the one with"
          + " the lower validation log loss is kept."
    })
final class TrainCommand implements Callable<Integer> {
  /** What {@code --algorithm} accepts. */
  enum Choice {
    auto,
    logistic,
    xgboost
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the history comes from: a file, or the service's database. */
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
            "Train on the attempts the service stored, in its PostgreSQL (credentials as the"
                + " driver's URL parameters): exported as export does, then read as a file.")
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

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to write.")
  Path out;

  @Option(
      names = "--algorithm",
      defaultValue = "auto",
      paramLabel = "A",
      description = "auto, logistic or xgboost (default: ${DEFAULT-VALUE}).")
  Choice algorithm;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads for training (default: the number of processors).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (threads != null && threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    List<Algorithm> candidates =
        switch (algorithm) {
          case auto -> Algorithm.AUTO;
          case logistic -> List.of(Algorithm.LOGISTIC);
          case xgboost -> List.of(Algorithm.XGBOOST);
        };
    PrintWriter err = spec.commandLine().getErr();
    if (source.jdbcUrl == null && (from != null || to != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--from and --to select invoices of --jdbc-url, not of a file");
    }
    Path data = source.data;
    String sourceName = data == null ? null : data.getFileName().toString();
    Path exported = null;
    if (source.jdbcUrl != null) {
      DatabaseHistory.check(spec.commandLine(), source.jdbcUrl, from, to);
      // One path for files and the database: the stored history is written as a file and read by
      // the file's reader, so a model trained here equals one trained on `export`'s file.
      exported = Files.createTempFile("smart-retry-history-", ".csv");
      DatabaseHistory.Exported export = DatabaseHistory.export(source.jdbcUrl, from, to, exported);
      err.printf(
          "exported %,d attempts of %,d invoices from %s in %.1f s%n",
          export.rows(),
          export.invoices(),
          DatabaseHistory.redacted(source.jdbcUrl),
          export.seconds());
      err.flush();
      data = exported;
      sourceName =
          DatabaseHistory.redacted(source.jdbcUrl)
              + (from == null ? "" : " from " + from)
              + (to == null ? "" : " to " + to);
    }
    try {
      return train(data, sourceName, candidates, err);
    } finally {
      if (exported != null) {
        Files.deleteIfExists(exported);
      }
    }
  }

  private int train(Path data, String sourceName, List<Algorithm> candidates, PrintWriter err)
      throws Exception {
    ModelTraining training =
        new ModelTraining(
            candidates,
            seed,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
            Clock.systemUTC(),
            line -> {
              err.println(line);
              err.flush();
            });
    long size = Files.isRegularFile(data) ? Files.size(data) : 0;
    TrainingReport report;
    try (Progress progress = Progress.start("read", size, "MB", 1 << 20)) {
      report = training.train(data, sourceName, out, progress::stepTo);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "model      %s (%s)%nroc_auc    %.4f%nlog_loss   %.4f%nbrier      %.4f%n",
        out,
        report.selected(),
        report.validation().rocAuc(),
        report.validation().logLoss(),
        report.validation().brier());
    stdout.flush();
    return 0;
  }
}
