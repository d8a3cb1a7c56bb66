package dev.smartretry.cli;

import dev.smartretry.evaluation.EvaluationReport;
import dev.smartretry.evaluation.GroupScore;
import dev.smartretry.evaluation.ModelEvaluation;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.scoring.CalibrationBin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "Attempts CSV, plain or gzip.")
  Path data;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RetryModel retryModel = ModelDirectory.load(model);
    long size = Files.isRegularFile(data) ? Files.size(data) : 0;
    EvaluationReport report;
    try (Progress progress = Progress.start("read", size, "MB", 1 << 20)) {
      report = ModelEvaluation.evaluate(retryModel, data, progress::stepTo);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.write(report) : text(report));
    out.flush();
    return 0;
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
