package dev.smartretry.cli;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.simulation.PlannerScore;
import dev.smartretry.simulation.PlannerSummary;
import dev.smartretry.simulation.WorldBenchmark;
import dev.smartretry.simulation.WorldResult;
import dev.smartretry.simulation.WorldScore;
import dev.smartretry.simulation.WorldsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "benchmark-worlds",
    mixinStandardHelpOptions = true,
    description = {
      "The yardstick of decision quality on merchants never seen. For each randomized world"
          + " (generate --random-world W): generate a history, train on it as train does, and"
          + " play the planner with that model against the fixed schedules and the oracle on"
          + " unseen invoices of the same world, at each retry budget.",
      "Reports each world, then for each budget the median and worst gap closed, recovery,"
          + " retries per invoice, median hours to recovery and rule violations over all worlds."
    })
final class BenchmarkWorldsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true)
  Worlds worlds;

  /** Which worlds: a range of seeds or a list. */
  static final class Worlds {
    @Option(
        names = "--worlds",
        paramLabel = "N",
        description = "N worlds, seeds --first-world to --first-world + N - 1 (default: 10).")
    Integer count;

    @Option(
        names = "--world-seeds",
        split = ",",
        paramLabel = "W",
        description = "The worlds' seeds, comma-separated, instead of --worlds.")
    List<Long> seeds;
  }

  @Option(
      names = "--first-world",
      defaultValue = "1",
      paramLabel = "W",
      description = "The seed of the first world with --worlds (default: ${DEFAULT-VALUE}).")
  long firstWorld;

  @Option(
      names = "--history-invoices",
      defaultValue = "50000",
      paramLabel = "N",
      description = "Invoices in each world's training history (default: ${DEFAULT-VALUE}).")
  int historyInvoices;

  @Option(
      names = "--invoices",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Unseen invoices played in each world (default: ${DEFAULT-VALUE}).")
  int invoices;

  @Option(
      names = "--max-retries",
      defaultValue = "4,8",
      split = ",",
      paramLabel = "K",
      description = "Retry budgets, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Integer> budgets;

  @CommandLine.Mixin RetryWindowOptions window;

  @Option(
      names = "--cold-start",
      description =
          "Also play the shipped default model in every world, as cold_start: what a new"
              + " merchant gets before training.")
  boolean coldStart;

  @Option(
      names = "--cold-start-model",
      paramLabel = "DIR",
      description = "Play this model directory as cold_start instead of the shipped one.")
  Path coldStartModel;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "The seed of every world's invoices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--training-seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "The seed of training, as train --seed (default: ${DEFAULT-VALUE}).")
  long trainingSeed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads for training (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Keep each world's history and model here (default: a temporary directory, deleted"
              + " at the end).")
  Path workDir;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    WorldBenchmark benchmark;
    try {
      WorldBenchmark.Builder builder =
          WorldBenchmark.builder()
              .historyInvoices(historyInvoices)
              .playedInvoices(invoices)
              .budgets(budgets)
              .window(window.maxDuration, window.minInterval)
              .historySeed(seed)
              .trainingSeed(trainingSeed)
              .log(this::progress);
      if (threads != null) {
        builder.threads(threads);
      }
      if (coldStart || coldStartModel != null) {
        builder.alsoPlay(
            "cold_start",
            coldStartModel == null
                ? ModelDirectory.loadDefault()
                : ModelDirectory.load(coldStartModel));
      }
      benchmark = builder.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    boolean temporary = workDir == null;
    Path dir = temporary ? Files.createTempDirectory("benchmark-worlds-") : workDir;
    Files.createDirectories(dir);
    WorldsReport report;
    try {
      report = benchmark.run(seeds(), dir);
    } finally {
      if (temporary) {
        delete(dir);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.write(report) : table(report));
    out.flush();
    return 0;
  }

  private List<Long> seeds() {
    if (worlds != null && worlds.seeds != null) {
      return List.copyOf(worlds.seeds);
    }
    int count = worlds == null ? 10 : worlds.count;
    if (count < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--worlds must be at least 1");
    }
    return LongStream.range(firstWorld, firstWorld + count).boxed().toList();
  }

  private void progress(String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(line);
    err.flush();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static String table(WorldsReport report) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%d worlds; each trained on %,d invoices, played on %,d unseen ones over %s, retries"
                + " at least %s apart%n%n",
            report.worlds().size(),
            report.historyInvoices(),
            report.playedInvoices(),
            report.maxDuration(),
            report.minInterval()));
    List<String> planners = new ArrayList<>();
    report.worlds().stream()
        .flatMap(world -> world.scores().stream())
        .flatMap(score -> score.planners().stream())
        .map(PlannerScore::name)
        .distinct()
        .forEach(planners::add);
    text.append(
        String.format(
            "%-6s %-14s %2s  %-13s %7s %7s %7s %7s",
            "world", "countries", "k", "best fixed", "fixed%", "evenly%", "oracle%", "hours"));
    for (String planner : planners) {
      text.append(
          String.format("  | %-10s %7s %6s %7s %6s", planner, "rate%", "gap", "ret/inv", "hours"));
    }
    text.append(String.format("%n"));
    for (WorldResult world : report.worlds()) {
      for (WorldScore score : world.scores()) {
        text.append(
            String.format(
                "%-6d %-14s %2d  %-13s %7.2f %7.2f %7.2f %7.1f",
                world.world(),
                abbreviated(world.countries(), 14),
                score.maxRetries(),
                score.bestFixed(),
                100 * score.bestFixedRate(),
                100 * score.evenlyRate(),
                100 * score.oracleRate(),
                score.evenlyMedianHours()));
        for (String planner : planners) {
          PlannerScore played = score.planner(planner);
          text.append(
              String.format(
                  "  | %-10s %7.2f %6.2f %7.2f %6.1f",
                  "",
                  100 * played.recoveryRate(),
                  played.gapClosed(),
                  played.retriesPerInvoice(),
                  played.medianHours()));
        }
        text.append(String.format("%n"));
      }
    }
    text.append(
        String.format(
            "%n\"hours\": median hours from the first failure to recovery;"
                + " the first \"hours\" column is the evenly spread schedule's.%n%n"));
    for (PlannerSummary summary : report.summary()) {
      text.append(
          String.format(
              "%d retries, %s over %d worlds: gap closed median %.2f, worst %.2f; recovery"
                  + " median %.2f%% (evenly spread %.2f%%, oracle %.2f%%); %.2f retries per"
                  + " invoice; median hours %.1f (evenly spread %.1f), no slower in %d of %d"
                  + " worlds; %d violations%n",
              summary.maxRetries(),
              summary.planner(),
              summary.worlds(),
              summary.medianGapClosed(),
              summary.worstGapClosed(),
              100 * summary.medianRecoveryRate(),
              100 * summary.medianEvenlyRate(),
              100 * summary.medianOracleRate(),
              summary.medianRetriesPerInvoice(),
              summary.medianHours(),
              summary.evenlyMedianHours(),
              summary.worldsNoSlower(),
              summary.worlds(),
              summary.violations()));
    }
    return text.toString().stripTrailing();
  }

  private static String abbreviated(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
