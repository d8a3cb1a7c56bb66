package dev.smartretry.simulation;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Invoice;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Plays strategies on invoices {@code firstInvoice, firstInvoice + 1, ...} of a world. Each
 * strategy starts a fresh play of each invoice, so all meet the same customers and, where they
 * retry at the same moments, the same luck. A strategy is asked for its next retry a minute after
 * each failure, as a billing system would ask, until it stops or the invoice recovers.
 */
public final class Simulation {
  /** When the billing system asks for a decision after a failed attempt. */
  static final Duration DECISION_DELAY = Duration.ofMinutes(1);

  private final World world;
  private final long firstInvoice;
  private final Limits limits;

  public Simulation(World world, long firstInvoice, Limits limits) {
    this.world = Objects.requireNonNull(world, "world");
    this.limits = Objects.requireNonNull(limits, "limits");
    if (firstInvoice < 0) {
      throw new IllegalArgumentException("the first invoice index must not be negative");
    }
    this.firstInvoice = firstInvoice;
  }

  /**
   * Plays every strategy on {@code invoices} invoices, on all cores.
   *
   * @param strategies at most one of kind PLANNER and one of kind ORACLE, for the gap closed
   * @param progress told the number of invoices done so far, from any thread
   */
  public SimulationReport run(int invoices, List<Strategy> strategies, LongConsumer progress) {
    if (invoices < 1) {
      throw new IllegalArgumentException("simulate at least one invoice");
    }
    PlayResult[][] results = new PlayResult[invoices][];
    long[] amounts = new long[invoices];
    String[] currencies = new String[invoices];
    AtomicLong done = new AtomicLong();
    IntStream.range(0, invoices)
        .parallel()
        .forEach(
            offset -> {
              WorldInvoice invoice = world.draw(firstInvoice + offset);
              amounts[offset] = invoice.amountMinor();
              currencies[offset] = invoice.currency();
              PlayResult[] row = new PlayResult[strategies.size()];
              for (int index = 0; index < row.length; index++) {
                row[index] = play(invoice, strategies.get(index));
              }
              results[offset] = row;
              progress.accept(done.incrementAndGet());
            });
    List<StrategyOutcome> outcomes = new ArrayList<>();
    for (int index = 0; index < strategies.size(); index++) {
      outcomes.add(summarize(strategies.get(index), index, results, amounts, currencies));
    }
    return report(invoices, outcomes);
  }

  /** One strategy's retries on one invoice. */
  static PlayResult play(WorldInvoice invoice, Strategy strategy) {
    Play play = invoice.newPlay();
    RetryPlanner planner =
        new RetryPlanner(strategy.scorers() == null ? null : strategy.scorers().apply(play));
    int violations = 0;
    while (!play.recovered()) {
      Invoice known = play.toInvoice();
      DecisionContext context = DecisionContext.beforeAttempt(known, known.attempts().size());
      Instant asOf = play.lastAttempt().attemptedAt().plus(DECISION_DELAY);
      RetryDecision decision = planner.decide(context, strategy.policy(), asOf);
      if (!decision.isRetry()) {
        break;
      }
      if (RuleCheck.broken(context, strategy.policy(), asOf, decision.nextAttemptAt())) {
        violations++;
      }
      play.attempt(decision.nextAttemptAt());
    }
    double hours =
        play.recovered()
            ? Duration.between(invoice.firstFailureAt(), play.lastAttempt().attemptedAt())
                    .getSeconds()
                / 3600.0
            : Double.NaN;
    return new PlayResult(play.recovered(), play.retries(), hours, violations);
  }

  private static StrategyOutcome summarize(
      Strategy strategy, int index, PlayResult[][] results, long[] amounts, String[] currencies) {
    long recovered = 0;
    long retries = 0;
    long violations = 0;
    Map<String, Long> recoveredAmount = new TreeMap<>();
    double[] hours = new double[results.length];
    int recoveredCount = 0;
    for (int offset = 0; offset < results.length; offset++) {
      PlayResult result = results[offset][index];
      retries += result.retries();
      violations += result.violations();
      if (result.recovered()) {
        recovered++;
        recoveredAmount.merge(currencies[offset], amounts[offset], Long::sum);
        hours[recoveredCount++] = result.hoursToRecovery();
      }
    }
    double median = Median.of(Arrays.copyOf(hours, recoveredCount));
    return new StrategyOutcome(
        strategy.name(),
        strategy.kind(),
        results.length,
        recovered,
        (double) recovered / results.length,
        recoveredAmount,
        retries,
        (double) retries / results.length,
        median,
        violations);
  }

  /** ISO-8601 as a person writes it: P14D rather than Java's PT336H. */
  static String iso(Duration duration) {
    long seconds = duration.getSeconds();
    return seconds % 86_400 == 0 && duration.getNano() == 0
        ? "P" + seconds / 86_400 + "D"
        : duration.toString();
  }

  private SimulationReport report(int invoices, List<StrategyOutcome> outcomes) {
    StrategyOutcome bestFixed = null;
    StrategyOutcome planner = null;
    StrategyOutcome oracle = null;
    for (StrategyOutcome outcome : outcomes) {
      switch (outcome.kind()) {
        case FIXED -> {
          if (bestFixed == null || outcome.recoveryRate() > bestFixed.recoveryRate()) {
            bestFixed = outcome;
          }
        }
        case PLANNER -> planner = outcome;
        case ORACLE -> oracle = outcome;
      }
    }
    double gapClosed = Double.NaN;
    if (bestFixed != null && planner != null && oracle != null) {
      double gap = oracle.recoveryRate() - bestFixed.recoveryRate();
      if (gap > 0) {
        gapClosed = (planner.recoveryRate() - bestFixed.recoveryRate()) / gap;
      }
    }
    return new SimulationReport(
        world.seed(),
        firstInvoice,
        invoices,
        limits.maxRetries(),
        iso(limits.maxDuration()),
        iso(limits.minInterval()),
        outcomes,
        bestFixed == null ? null : bestFixed.name(),
        gapClosed);
  }
}
