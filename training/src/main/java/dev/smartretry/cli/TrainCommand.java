package dev.smartretry.cli;

import dev.smartretry.model.ModelArchive;
import dev.smartretry.train.Algorithm;
import dev.smartretry.train.ModelTraining;
import dev.smartretry.train.TrainingHistory;
import dev.smartretry.train.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

  @CommandLine.Mixin HistoryOptions source;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to write.")
  Path out;

  @Option(
      names = "--archive",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FILE",
      description =
          "Also write the model directory as one .tar.gz, for POST /v1/models (default FILE: the"
              + " directory's name with .tar.gz, beside it).")
  Path archive;

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
      names = "--no-propensity-weights",
      description =
          "Weigh every retry alike, instead of by the inverse of the probability the planner"
              + " chose its time with (where the history records it: an export of the service's"
              + " retries under exploration). The model's manifest records the choice.")
  boolean noPropensityWeights;

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
    source.check(spec.commandLine());
    if (archive != null && !archive.toString().isEmpty() && !archive.toString().endsWith(".gz")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--archive must name a .tar.gz file, not " + archive);
    }
    // From the database straight into training, with the checksum of the file export would
    // write: the model equals one trained on that file.
    TrainingHistory history =
        source.jdbcUrl() != null
            ? DatabaseHistory.forTraining(source.jdbcUrl(), source.from, source.to)
            : TrainingHistory.file(source.file());
    String sourceName = source.name();
    return train(history, sourceName, candidates, err);
  }

  /** Where {@code --archive} writes: as named, or beside the directory. */
  private Path archiveFile() {
    if (!archive.toString().isEmpty()) {
      return archive;
    }
    Path directory = out.toAbsolutePath().normalize();
    return directory.resolveSibling(directory.getFileName() + ModelArchive.SUFFIX);
  }

  private int train(
      TrainingHistory history, String sourceName, List<Algorithm> candidates, PrintWriter err)
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
            },
            !noPropensityWeights);
    long size =
        source.file() != null && Files.isRegularFile(source.file())
            ? Files.size(source.file())
            : -1;
    TrainingReport report;
    try (Progress progress =
        size < 0
            ? Progress.start("read", -1, "rows", 1)
            : Progress.start("read", size, "MB", 1 << 20)) {
      report = training.train(history, sourceName, out, progress::stepTo);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "model      %s (%s)%nroc_auc    %.4f%nlog_loss   %.4f%nbrier      %.4f%n",
        out,
        report.selected(),
        report.validation().rocAuc(),
        report.validation().logLoss(),
        report.validation().brier());
    if (archive != null) {
      Path file = archiveFile();
      ModelArchive.write(out, file);
      stdout.printf("archive    %s%n", file);
    }
    stdout.flush();
    return 0;
  }
}
