package dev.smartretry.cli;

import dev.smartretry.evaluation.EvaluationReport;
import dev.smartretry.evaluation.GroupScore;
import dev.smartretry.evaluation.ModelComparison;
import dev.smartretry.evaluation.ModelEvaluation;
import dev.smartretry.evaluation.ReplayReport;
import dev.smartretry.evaluation.ReplaySettings;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.scoring.CalibrationBin;
import dev.smartretry.scoring.WilsonInterval;
import dev.smartretry.simulation.Limits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a model on an attempts file: every retry row (attempt_number 2 or more) is scored"
          + " with what was known when it was decided. Prints ROC AUC, log loss, Brier score, a"
          + " calibration table, and the same by previous decline code and by retry number.",
      "Then replays the planner with the model on the same invoices: at each logged retry, the"
          + " time the planner would have chosen under the policy (--max-retries, --max-duration,"
          + " --min-interval, as simulate's) matches the logged one when within --replay-tolerance"
          + " on the same local day; the matched retries' success rate, each weighted by one over"
          + " the history's share of retries that close, estimates the planner's rate per retry.",
      "Evaluate on invoices the model was not trained on (a later history, or another seed)."
    })
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory written by train.")
  Path model;

  @Option(
      names = "--against",
      paramLabel = "DIR",
      description =
          "A second model (the live one, say) scored on the same history: says which is better"
              + " by log loss, ROC AUC, calibration error and the planner's replayed recovery.")
  Path against;

  @CommandLine.Mixin HistoryOptions source;

  @Option(
      names = "--max-retries",
      defaultValue = "8",
      paramLabel = "K",
      description = "The replay's retries allowed per invoice (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @CommandLine.Mixin RetryWindowOptions window;

  @Option(
      names = "--replay-tolerance",
      defaultValue = "PT1H",
      paramLabel = "D",
      description =
          "How far the planner's time may be from a logged retry's, either way, to match it (on"
              + " the same local day too), ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration replayTolerance;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    source.check(spec.commandLine());
    ReplaySettings replay = replaySettings();
    RetryModel retryModel = ModelDirectory.load(model);
    RetryModel otherModel = against == null ? null : ModelDirectory.load(against);
    Path data = source.file();
    Path exported = null;
    if (source.jdbcUrl() != null) {
      // Written once and read for each model scored, rather than read from the database twice.
      exported = Files.createTempFile("smart-retry-history-", ".csv");
      DatabaseHistory.export(source.jdbcUrl(), source.from, source.to, exported);
      data = exported;
    }
    try {
      EvaluationReport report = evaluate(retryModel, data, replay);
      PrintWriter out = spec.commandLine().getOut();
      if (otherModel == null) {
        out.println(json ? Json.write(report) : text(report));
      } else {
        ModelComparison comparison = ModelComparison.of(report, evaluate(otherModel, data, replay));
        out.println(json ? Json.write(comparison) : text(comparison));
      }
      out.flush();
      return 0;
    } finally {
      if (exported != null) {
        Files.deleteIfExists(exported);
      }
    }
  }

  /** The same limits as simulate's, checked alike. */
  private ReplaySettings replaySettings() {
    try {
      Limits limits = new Limits(maxRetries, window.maxDuration, window.minInterval);
      return new ReplaySettings(
          RetryPolicy.smart(limits.maxRetries(), limits.maxDuration(), limits.minInterval()),
          replayTolerance);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static EvaluationReport evaluate(RetryModel model, Path data, ReplaySettings replay)
      throws IOException {
    long size = Files.isRegularFile(data) ? Files.size(data) : 0;
    // The replay's total is unknown until the reader has assembled the invoices.
    try (Progress read = Progress.start("read", size, "MB", 1 << 20);
        Progress replayed = Progress.start("replay", -1, " invoices", 1)) {
      return ModelEvaluation.evaluate(model, data, replay, read::stepTo, replayed::stepTo);
    }
  }

  private static String text(ModelComparison comparison) {
    EvaluationReport model = comparison.model();
    EvaluationReport against = comparison.against();
    return String.format(
            "%s against %s on %s: %,d retries%n%n",
            model.model(), against.model(), model.data(), model.overall().count())
        + String.format("%-18s %12s %12s  %s%n", "", "model", "against", "better")
        + String.format(
            "%-18s %12.4f %12.4f  %s%n",
            "log_loss",
            model.overall().logLoss(),
            against.overall().logLoss(),
            comparison.logLoss())
        + String.format(
            "%-18s %12.4f %12.4f  %s%n",
            "roc_auc", model.overall().rocAuc(), against.overall().rocAuc(), comparison.rocAuc())
        + String.format(
            "%-18s %12.4f %12.4f  %s%n",
            "calibration_error",
            ModelComparison.calibrationError(model.overall()),
            ModelComparison.calibrationError(against.overall()),
            comparison.calibrationError())
        + String.format(
            "%-18s %12.4f %12.4f%n", "brier", model.overall().brier(), against.overall().brier())
        + String.format(
            "%-18s %12.4f %12.4f  %s%n",
            "planner_recovery",
            model.replay().weightedSuccessRate(),
            against.replay().weightedSuccessRate(),
            comparison.plannerRecovery())
        + String.format(
            "%-18s %12s %12s%n",
            "  95 % interval",
            interval(model.replay().weightedSuccessInterval(), model.replay()),
            interval(against.replay().weightedSuccessInterval(), against.replay()))
        + String.format(
            "%-18s %,12d %,12d%n",
            "  matched", model.replay().matched(), against.replay().matched())
        + String.format(
            "%-18s %12.1f %12.1f%n",
            "  effective", model.replay().effectiveMatched(), against.replay().effectiveMatched())
        + String.format(
            "%-18s %12.4f %12.4f%n",
            "  unweighted",
            model.replay().matchedSuccessRate(),
            against.replay().matchedSuccessRate())
        + String.format(
            "%-18s %,12d %,12d%n%n",
            "  would recover",
            model.replay().wouldHaveRecovered(),
            against.replay().wouldHaveRecovered())
        + replaySetting(model.replay())
        + String.format("%n%n")
        + "better: "
        + switch (comparison.better()) {
          case "model" -> model.model() + " (the --model)";
          case "against" -> against.model() + " (the --against)";
          default -> "neither: they tie on log loss";
        };
  }

  /** The interval to two places: three would claim more than a replay's subsample knows. */
  private static String interval(WilsonInterval interval, ReplayReport replay) {
    return replay.matched() == 0
        ? "-"
        : String.format("%.2f-%.2f", interval.low(), interval.high());
  }

  private static String replaySetting(ReplayReport replay) {
    return String.format(
        "planner replayed on %,d logged retries (%.4f succeeded), at most %d retries over %s, at"
            + " least %s apart; a match is within %s on the same local day",
        replay.decisionPoints(),
        replay.loggedSuccessRate(),
        replay.maxRetries(),
        replay.maxDuration(),
        replay.minInterval(),
        replay.tolerance());
  }

  private static void replay(StringBuilder text, ReplayReport replay) {
    text.append(String.format("%n%s%n", replaySetting(replay)));
    text.append(
        String.format(
            "matched          %,10d (%.4f of them; %.1f effective once weighted; the planner"
                + " stops at %,d)%n",
            replay.matched(),
            replay.matchRate(),
            replay.effectiveMatched(),
            replay.plannerStops()));
    text.append(
        String.format(
            "planner_recovery %10.4f (95 %% interval %s; unweighted %.4f, %s)%n",
            replay.weightedSuccessRate(),
            interval(replay.weightedSuccessInterval(), replay),
            replay.matchedSuccessRate(),
            interval(replay.matchedSuccessInterval(), replay)));
    text.append(
        String.format(
            "would recover    %,10d of the %,d invoices the history recovered (every retry"
                + " matched)%n",
            replay.wouldHaveRecovered(), replay.recoveredInvoices()));
  }

  private static String text(EvaluationReport report) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "model %s on %s: %,d invoices, %,d retries (%,d rows rejected)%n%n",
            report.model(),
            report.data(),
            report.invoices(),
            report.overall().count(),
            report.rowsRejected()));
    text.append(
        String.format(
            "roc_auc    %.4f%nlog_loss   %.4f%nbrier      %.4f%nsuccess    %.4f observed,"
                + " %.4f predicted%n%n",
            report.overall().rocAuc(),
            report.overall().logLoss(),
            report.overall().brier(),
            report.overall().successRate(),
            report.overall().meanPredicted()));
    text.append("calibration\n");
    text.append(
        String.format("%-11s %10s %10s %10s%n", "predicted", "retries", "mean", "observed"));
    for (CalibrationBin bin : report.overall().calibration()) {
      text.append(
          String.format(
              "%.1f - %.1f  %,10d %10.4f %10.4f%n",
              bin.from(), bin.to(), bin.count(), bin.meanPredicted(), bin.observedRate()));
    }
    groups(text, "previous decline code", report.byPreviousDeclineCode());
    groups(text, "retry number", report.byRetryNumber());
    replay(text, report.replay());
    return text.toString().stripTrailing();
  }

  private static void groups(StringBuilder text, String title, List<GroupScore> groups) {
    int width = title.length() + 3;
    for (GroupScore group : groups) {
      width = Math.max(width, group.group().length());
    }
    text.append(String.format("%n%-" + width + "s", "by " + title));
    text.append(
        String.format(
            " %10s %9s %9s %9s %9s %9s%n",
            "retries", "observed", "predicted", "roc_auc", "log_loss", "brier"));
    for (GroupScore group : groups) {
      text.append(
          String.format(
              "%-" + width + "s %,10d %9.4f %9.4f %9.4f %9.4f %9.4f%n",
              group.group(),
              group.count(),
              group.successRate(),
              group.meanPredicted(),
              group.rocAuc(),
              group.logLoss(),
              group.brier()));
    }
  }
}
