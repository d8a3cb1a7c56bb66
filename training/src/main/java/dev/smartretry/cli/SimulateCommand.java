package dev.smartretry.cli;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.simulation.Limits;
import dev.smartretry.simulation.Simulation;
import dev.smartretry.simulation.SimulationReport;
import dev.smartretry.simulation.Strategy;
import dev.smartretry.simulation.StrategyOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Plays the planner with a model in the generator's world beside fixed schedules (evenly"
          + " spread, days 1/3/5/7, daily) and an oracle planner that knows the world's hidden"
          + " success probabilities, on the same invoices and random draws.",
      "Invoices are numbered from --first-invoice on, far beyond any generated history, so the"
          + " model has not seen them."
    })
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Model directory (default: the shipped default model).")
  Path model;

  @Option(
      names = "--invoices",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Failed invoices to play (default: ${DEFAULT-VALUE}).")
  int invoices;

  @Option(
      names = "--max-retries",
      defaultValue = "8",
      paramLabel = "K",
      description = "Retries allowed per invoice (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @CommandLine.Mixin RetryWindowOptions window;

  @CommandLine.Mixin WorldOptions world;

  @Option(
      names = "--first-invoice",
      defaultValue = "1000000000",
      paramLabel = "I",
      description = "Index of the first invoice played (default: ${DEFAULT-VALUE}).")
  long firstInvoice;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (invoices < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--invoices must be at least 1");
    }
    Limits limits;
    try {
      limits = new Limits(maxRetries, window.maxDuration, window.minInterval);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    RetryModel retryModel =
        model == null ? ModelDirectory.loadDefault() : ModelDirectory.load(model);
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(Strategy.planner(retryModel.success(), limits));
    strategies.addAll(Strategy.fixedSchedules(limits));
    strategies.add(Strategy.oracle(limits));
    SimulationReport report;
    try (Progress progress = Progress.start("simulate", invoices, "invoices", 1)) {
      report =
          new Simulation(world.world(), firstInvoice, limits)
              .run(invoices, strategies, progress::stepTo);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.write(report) : table(report, retryModel.version()));
    out.flush();
    return 0;
  }

  private static String table(SimulationReport report, String modelVersion) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%,d invoices, at most %d retries over %s, at least %s apart; model %s%n%n",
            report.invoices(),
            report.maxRetries(),
            report.maxDuration(),
            report.minInterval(),
            modelVersion));
    text.append(
        String.format(
            "%-14s %10s %9s %9s %12s %12s%n",
            "strategy", "recovered", "rate", "retries", "per invoice", "median h"));
    for (StrategyOutcome outcome : report.strategies()) {
      text.append(
          String.format(
              "%-14s %,10d %8.2f%% %,9d %12.2f %12.1f%n",
              outcome.name(),
              outcome.recovered(),
              100 * outcome.recoveryRate(),
              outcome.retries(),
              outcome.retriesPerInvoice(),
              outcome.medianHoursToRecovery()));
    }
    text.append(
        String.format(
            "%nbest fixed schedule: %s; the planner closes %.1f%% of its gap to the oracle%n",
            report.bestFixed(), 100 * report.gapClosed()));
    text.append("\nrecovered amount, by currency\n");
    TreeSet<String> currencies = new TreeSet<>();
    report.strategies().forEach(outcome -> currencies.addAll(outcome.recoveredAmount().keySet()));
    text.append(String.format("%-8s", "currency"));
    for (StrategyOutcome outcome : report.strategies()) {
      text.append(String.format(" %14s", outcome.name()));
    }
    text.append('\n');
    for (String currency : currencies) {
      text.append(String.format("%-8s", currency));
      for (StrategyOutcome outcome : report.strategies()) {
        Map<String, Long> amounts = outcome.recoveredAmount();
        text.append(String.format(" %14s", major(amounts.getOrDefault(currency, 0L), currency)));
      }
      text.append('\n');
    }
    return text.toString().stripTrailing();
  }

  /** Minor units as the currency writes them: 1234 EUR is 12.34, 1234 JPY is 1,234. */
  private static String major(long minor, String currency) {
    int digits;
    try {
      digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknown) {
      digits = 2;
    }
    return String.format("%,." + digits + "f", java.math.BigDecimal.valueOf(minor, digits));
  }
}
