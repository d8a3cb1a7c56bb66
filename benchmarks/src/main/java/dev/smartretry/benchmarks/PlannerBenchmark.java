package dev.smartretry.benchmarks;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.planner.DecisionReason;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import dev.smartretry.planner.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of one retry decision: {@code new RetryPlanner(model.success()).decide(context,
 * policy, asOf)} under a smart policy of 8 retries in 14 days, single-threaded, sampled per call so
 * that JMH reports percentiles (p50 to p99.9).
 *
 * <p>The contexts are failed invoices of the generator's default world (seed 42, invoices from
 * index 2,000,000,000 on, far from any training history), cycled through one per call:
 *
 * <ul>
 *   <li>{@code first}: the decision of retry 1 right after the failed original charge, one minute
 *       after it; the whole 14-day window is open and 8 retries remain to plan.
 *   <li>{@code fourth}: the decision of retry 4 after three failed retries played in the world at
 *       the first failure plus 1, 2 and 3 days, one minute after the third; 11 days and 5 retries
 *       remain.
 * </ul>
 *
 * <p>Only decisions that reach the model are kept (reason {@code MODEL_OPTIMUM}): a hard decline or
 * a forbidding advice code stops without scoring anything and costs microseconds, so keeping it
 * would only flatter the percentiles. Invoices recovered by one of the three played retries have no
 * fourth decision and are skipped too.
 *
 * <p>Run it from the uber jar: {@code java -jar benchmarks/target/benchmarks.jar PlannerBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
public class PlannerBenchmark {
  /** The world's invoices used here start at this index, well past any generated history. */
  static final long FIRST_INVOICE = 2_000_000_000L;

  static final long WORLD_SEED = 42;

  /** The model directory to load, or {@code default} for the model shipped in the models jar. */
  @Param({"default"})
  public String model;

  /** Which decision: {@code first} (retry 1 of 8) or {@code fourth} (retry 4 of 8). */
  @Param({"first", "fourth"})
  public String decision;

  /** How many distinct contexts to cycle through. */
  @Param({"512"})
  public int contexts;

  private final RetryPolicy policy = RetryPolicy.smart(8, Duration.ofDays(14), Duration.ofHours(1));
  private RetryModel retryModel;
  private DecisionContext[] decisionContexts;
  private Instant[] asOf;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    retryModel =
        "default".equals(model)
            ? ModelDirectory.loadDefault()
            : ModelDirectory.load(Path.of(model));
    int priorRetries =
        switch (decision) {
          case "first" -> 0;
          case "fourth" -> 3;
          default -> throw new IllegalArgumentException("decision must be first or fourth");
        };
    World world = new World(WorldConfig.defaults(), WORLD_SEED);
    RetryPlanner planner = new RetryPlanner(retryModel.success());
    List<DecisionContext> kept = new ArrayList<>(contexts);
    List<Instant> keptAsOf = new ArrayList<>(contexts);
    int skipped = 0;
    for (long index = FIRST_INVOICE; kept.size() < contexts; index++) {
      WorldInvoice invoice = world.draw(index);
      Play play = invoice.newPlay();
      boolean recovered = false;
      for (int day = 1; day <= priorRetries && !recovered; day++) {
        Attempt retry = play.attempt(invoice.firstFailureAt().plus(Duration.ofDays(day)));
        recovered = retry.succeeded();
      }
      if (recovered) {
        skipped++;
        continue;
      }
      DecisionContext context = DecisionContext.beforeAttempt(play.toInvoice(), priorRetries + 1);
      Instant at = play.lastAttempt().attemptedAt().plus(Duration.ofMinutes(1));
      RetryDecision check = planner.decide(context, policy, at);
      if (check.reason() != DecisionReason.MODEL_OPTIMUM) {
        skipped++;
        continue;
      }
      kept.add(context);
      keptAsOf.add(at);
    }
    decisionContexts = kept.toArray(DecisionContext[]::new);
    asOf = keptAsOf.toArray(Instant[]::new);
    System.out.printf(
        "%n%s: %d %s decisions (retry %d of %d), %d invoices skipped%n",
        retryModel.version(),
        decisionContexts.length,
        decision,
        priorRetries + 1,
        policy.maxRetries(),
        skipped);
  }

  @Benchmark
  public RetryDecision decide() {
    int index = next;
    next = index + 1 == decisionContexts.length ? 0 : index + 1;
    return new RetryPlanner(retryModel.success())
        .decide(decisionContexts[index], policy, asOf[index]);
  }
}
