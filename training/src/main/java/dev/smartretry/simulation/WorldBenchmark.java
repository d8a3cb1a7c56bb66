package dev.smartretry.simulation;

import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.RandomWorlds;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.train.Algorithm;
import dev.smartretry.train.ModelTraining;
import dev.smartretry.train.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The yardstick of decision quality on merchants never seen: for each randomized world, generate a
 * history, train on it exactly as {@code train} does, then play the planner with that model against
 * the fixed schedules and the oracle on invoices of the same world that the history does not hold,
 * at each retry budget. Other models (the shipped cold-start model) can be played beside it,
 * untrained on the world.
 *
 * <p>Nothing is tuned here: the worlds come from {@link RandomWorlds}, the training from {@link
 * ModelTraining}, the play from {@link Simulation}.
 */
public final class WorldBenchmark {
  /** Played invoices start far beyond any history's, as {@code simulate}'s do. */
  static final long FIRST_PLAYED_INVOICE = 1_000_000_000L;

  private final int historyInvoices;
  private final int playedInvoices;
  private final List<Integer> budgets;
  private final Duration maxDuration;
  private final Duration minInterval;
  private final long historySeed;
  private final long trainingSeed;
  private final int threads;
  private final Map<String, RetryModel> others;
  private final Clock clock;
  private final Consumer<String> log;

  private WorldBenchmark(Builder builder) {
    this.historyInvoices = builder.historyInvoices;
    this.playedInvoices = builder.playedInvoices;
    this.budgets = List.copyOf(builder.budgets);
    this.maxDuration = builder.maxDuration;
    this.minInterval = builder.minInterval;
    this.historySeed = builder.historySeed;
    this.trainingSeed = builder.trainingSeed;
    this.threads = builder.threads;
    this.others = Map.copyOf(builder.others);
    this.clock = builder.clock;
    this.log = builder.log;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every world in turn, then the summary; {@code workDir} keeps each history and model. */
  public WorldsReport run(List<Long> worlds, Path workDir) throws IOException {
    List<WorldResult> results = new ArrayList<>();
    for (long world : worlds) {
      results.add(run(world, workDir));
    }
    return new WorldsReport(
        historyInvoices,
        playedInvoices,
        Simulation.iso(maxDuration),
        Simulation.iso(minInterval),
        results,
        PlannerSummary.of(results));
  }

  /** One world: its history and model in {@code workDir}, its scores at every budget. */
  public WorldResult run(long world, Path workDir) throws IOException {
    WorldConfig config = RandomWorlds.draw(world);
    HistoryGenerator generator = new HistoryGenerator(config, historySeed);
    Path history = workDir.resolve("world-" + world + ".csv.gz");
    Path modelDir = workDir.resolve("world-" + world + "-model");
    log.accept("world " + world + ": " + String.join(",", config.countries().keySet()));
    generator.write(history, historyInvoices, done -> {});
    TrainingReport training =
        new ModelTraining(Algorithm.AUTO, trainingSeed, threads, clock, log)
            .train(history, modelDir, read -> {});
    RetryModel trained = ModelDirectory.load(modelDir);
    List<WorldScore> scores = new ArrayList<>();
    for (int budget : budgets) {
      Limits limits = new Limits(budget, maxDuration, minInterval);
      List<Strategy> strategies = new ArrayList<>();
      strategies.add(Strategy.planner("planner", trained.success(), limits));
      others.forEach(
          (name, model) -> strategies.add(Strategy.planner(name, model.success(), limits)));
      strategies.addAll(Strategy.fixedSchedules(limits));
      strategies.add(Strategy.oracle(limits));
      SimulationReport report =
          new Simulation(generator.world(), FIRST_PLAYED_INVOICE, limits)
              .run(playedInvoices, strategies, done -> {});
      WorldScore score = WorldScore.of(report);
      log.accept(
          String.format(
              "world %d, %d retries: planner %.2f%%, %s %.2f%%, oracle %.2f%%; gap closed %.2f",
              world,
              budget,
              100 * score.planner("planner").recoveryRate(),
              score.bestFixed(),
              100 * score.bestFixedRate(),
              100 * score.oracleRate(),
              score.planner("planner").gapClosed()));
      scores.add(score);
    }
    TrainingReport.Split split = training.split();
    return new WorldResult(
        world,
        String.join(",", config.countries().keySet()),
        split.trainExamples() + split.calibrationExamples() + split.validationExamples(),
        trained.version(),
        scores);
  }

  /** Fails fast on settings that cannot make a benchmark. */
  public static final class Builder {
    private int historyInvoices = 50_000;
    private int playedInvoices = 10_000;
    private List<Integer> budgets = List.of(4, 8);
    private Duration maxDuration = Duration.ofDays(14);
    private Duration minInterval = Duration.ofHours(1);
    private long historySeed = 1;
    private long trainingSeed = 42;
    private int threads = Runtime.getRuntime().availableProcessors();
    private final Map<String, RetryModel> others = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Consumer<String> log = line -> {};

    private Builder() {}

    /** Invoices in each world's training history. */
    public Builder historyInvoices(int count) {
      this.historyInvoices = atLeast("history invoices", count, 100);
      return this;
    }

    /** Unseen invoices each strategy plays in each world. */
    public Builder playedInvoices(int count) {
      this.playedInvoices = atLeast("played invoices", count, 1);
      return this;
    }

    /** The retry budgets, each played in every world. */
    public Builder budgets(List<Integer> budgets) {
      if (budgets.isEmpty()) {
        throw new IllegalArgumentException("at least one retry budget");
      }
      budgets.forEach(budget -> atLeast("a retry budget", budget, 1));
      this.budgets = List.copyOf(budgets);
      return this;
    }

    /** The window and the least spacing every budget is played with. */
    public Builder window(Duration maxDuration, Duration minInterval) {
      new Limits(1, maxDuration, minInterval);
      this.maxDuration = maxDuration;
      this.minInterval = minInterval;
      return this;
    }

    /** The seed of every world's invoices (the world itself comes from its own seed). */
    public Builder historySeed(long seed) {
      this.historySeed = seed;
      return this;
    }

    /** The seed training uses, as {@code train --seed}. */
    public Builder trainingSeed(long seed) {
      this.trainingSeed = seed;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = atLeast("threads", threads, 1);
      return this;
    }

    /** Also plays {@code model}, trained elsewhere, as the planner called {@code name}. */
    public Builder alsoPlay(String name, RetryModel model) {
      Objects.requireNonNull(model, "model");
      if (name.equals("planner") || others.containsKey(name)) {
        throw new IllegalArgumentException("a second planner called " + name);
      }
      others.put(name, model);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Told what the benchmark is doing, one line at a time. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public WorldBenchmark build() {
      return new WorldBenchmark(this);
    }

    private static int atLeast(String what, int value, int least) {
      if (value < least) {
        throw new IllegalArgumentException(what + " must be at least " + least + ": " + value);
      }
      return value;
    }
  }
}
