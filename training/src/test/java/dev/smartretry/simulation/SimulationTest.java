package dev.smartretry.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.planner.SuccessScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Strategies played in the generator's world with hand-written scorers, so that what is checked is
 * the simulation and the limits, not the quality of a trained model.
 */
class SimulationTest {
  private static final World WORLD = new World(WorldConfig.defaults(), 42);

  /** Far beyond any generated history, as the simulate command's default. */
  private static final long FIRST_INVOICE = 1_000_000_000L;

  private static final Limits LIMITS = new Limits(4, Duration.ofDays(14), Duration.ofHours(1));

  /** The same chance at every time: nothing but the plan decides when to retry. */
  private static final SuccessScorer CONSTANT =
      (context, candidates) -> {
        double[] probabilities = new double[candidates.size()];
        Arrays.fill(probabilities, 0.2);
        return probabilities;
      };

  /** Later is always better: drives the plan against the deadline. */
  private static final SuccessScorer LATER_IS_BETTER =
      (context, candidates) ->
          candidates.stream()
              .mapToDouble(at -> Duration.between(context.firstFailureAt(), at).toMinutes() / 1e6)
              .toArray();

  /** A fixed pseudo-random score per quarter hour: plans scattered all over the window. */
  private static final SuccessScorer SCATTERED =
      (context, candidates) ->
          candidates.stream()
              .mapToDouble(at -> (mix(at.getEpochSecond() / 900) >>> 11) * 0x1.0p-53)
              .toArray();

  private static long mix(long value) {
    long z = value * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Strategy planner(String name, SuccessScorer scorer, Limits limits) {
    return Strategy.planner(name, scorer, limits);
  }

  /** Every kind of strategy under {@code limits}: three planners, the fixed schedules, oracle. */
  private static List<Strategy> everyStrategy(Limits limits) {
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(planner("planner_constant", CONSTANT, limits));
    strategies.add(planner("planner_later", LATER_IS_BETTER, limits));
    strategies.add(planner("planner_scattered", SCATTERED, limits));
    strategies.addAll(Strategy.fixedSchedules(limits));
    strategies.add(Strategy.oracle(limits));
    return strategies;
  }

  /** What {@link Simulation#play} returned, and the play it made, attempt by attempt. */
  private record Watched(PlayResult result, Play play) {
    List<Attempt> retries() {
      return play.attempts().subList(1, play.attempts().size());
    }
  }

  /**
   * Plays {@code strategy} on {@code invoice} through {@link Simulation#play} itself, keeping hold
   * of the play so that its attempts can be checked. A fixed schedule gets a scorer that fails if
   * asked: it must follow its schedule and never consult one.
   */
  private static Watched watch(WorldInvoice invoice, Strategy strategy) {
    AtomicReference<Play> seen = new AtomicReference<>();
    SuccessScorer never =
        (context, candidates) -> {
          throw new AssertionError(strategy.name() + " follows a schedule; it asks no scorer");
        };
    Strategy watching =
        new Strategy(
            strategy.name(),
            strategy.kind(),
            strategy.policy(),
            play -> {
              seen.set(play);
              return strategy.scorers() == null ? never : strategy.scorers().apply(play);
            });
    PlayResult result = Simulation.play(invoice, watching);
    return new Watched(result, seen.get());
  }

  @Test
  void everyStrategyKeepsTheLimitsOnEveryInvoice() {
    List<Limits> limitSets =
        List.of(
            LIMITS,
            // Fewer retries than the fixed schedules have offsets, in a short window.
            new Limits(2, Duration.ofHours(36), Duration.ofMinutes(1)),
            // A min interval longer than the schedules' own spacing: it must win.
            new Limits(8, Duration.ofDays(1), Duration.ofHours(6)));
    int plays = 0;
    int recovered = 0;
    int hardDeclined = 0;
    int atDeadline = 0;
    for (Limits limits : limitSets) {
      List<Strategy> strategies = everyStrategy(limits);
      for (long index = FIRST_INVOICE; index < FIRST_INVOICE + 120; index++) {
        WorldInvoice invoice = WORLD.draw(index);
        Instant deadline = invoice.firstFailureAt().plus(limits.maxDuration());
        for (Strategy strategy : strategies) {
          Watched watched = watch(invoice, strategy);
          Play play = watched.play();
          String where = strategy.name() + " on invoice " + index + " under " + limits;
          List<Attempt> retries = watched.retries();

          assertThat(retries.size()).as(where).isLessThanOrEqualTo(limits.maxRetries());
          for (Attempt retry : retries) {
            assertThat(retry.attemptedAt()).as(where).isBeforeOrEqualTo(deadline);
            atDeadline += retry.attemptedAt().equals(deadline) ? 1 : 0;
          }
          List<Attempt> attempts = play.attempts();
          for (int number = 1; number < attempts.size(); number++) {
            Instant previous = attempts.get(number - 1).attemptedAt();
            assertThat(Duration.between(previous, attempts.get(number).attemptedAt()))
                .as(where)
                .isGreaterThanOrEqualTo(limits.minInterval());
            // The network rules bind everyone: nothing follows a hard decline.
            assertThat(attempts.get(number - 1).isHardDecline()).as(where).isFalse();
          }
          assertThat(watched.result().violations()).as(where).isZero();
          // The result Simulation keeps is the play's.
          assertThat(watched.result().retries()).as(where).isEqualTo(play.retries());
          assertThat(watched.result().recovered()).as(where).isEqualTo(play.recovered());
          if (play.recovered()) {
            assertThat(watched.result().hoursToRecovery())
                .as(where)
                .isEqualTo(
                    Duration.between(invoice.firstFailureAt(), play.lastAttempt().attemptedAt())
                            .getSeconds()
                        / 3600.0);
            recovered++;
          } else {
            assertThat(watched.result().hoursToRecovery()).as(where).isNaN();
          }
          hardDeclined += play.hardDeclined() ? 1 : 0;
          plays++;
        }
      }
    }
    // The invoices hold both endings worth checking, not only failures.
    assertThat(plays).isEqualTo(3 * 120 * 7);
    assertThat(recovered).isGreaterThan(plays / 5);
    assertThat(hardDeclined).isGreaterThan(20);
    // The edge is reached (evenly_spread ends there; planner_later pushes against it) and kept.
    assertThat(atDeadline).isGreaterThan(100);
  }

  @Test
  void smartStrategiesOnlyStopWhenNothingIsLeftToTry() {
    // A planner that stops early would leave money on the table without breaking any limit.
    List<Strategy> smart =
        everyStrategy(LIMITS).stream().filter(s -> s.kind() != Strategy.Kind.FIXED).toList();
    for (long index = FIRST_INVOICE; index < FIRST_INVOICE + 100; index++) {
      WorldInvoice invoice = WORLD.draw(index);
      Instant deadline = invoice.firstFailureAt().plus(LIMITS.maxDuration());
      for (Strategy strategy : smart) {
        Play play = watch(invoice, strategy).play();
        boolean windowOver =
            play.lastAttempt().attemptedAt().plus(LIMITS.minInterval()).isAfter(deadline);
        assertThat(
                play.recovered()
                    || play.hardDeclined()
                    || play.retries() == LIMITS.maxRetries()
                    || windowOver)
            .as(strategy.name() + " on invoice " + index)
            .isTrue();
      }
    }
  }

  @Test
  void withTheSameScoreEverywhereThePlannerRetriesAsSoonAsAllowed() {
    // Ties go to the earliest time: an hour (the min interval) after each failure.
    Strategy constant = planner("planner_constant", CONSTANT, LIMITS);
    for (long index = FIRST_INVOICE; index < FIRST_INVOICE + 50; index++) {
      Play play = watch(WORLD.draw(index), constant).play();
      List<Attempt> attempts = play.attempts();
      for (int number = 1; number < attempts.size(); number++) {
        assertThat(attempts.get(number).attemptedAt())
            .isEqualTo(attempts.get(number - 1).attemptedAt().plus(LIMITS.minInterval()));
      }
    }
  }

  @Test
  void fixedSchedulesRetryExactlyAtTheirOffsetsUntilTheInvoiceEnds() {
    // Limits whose schedules are spaced at least the min interval apart, so no retry is pushed.
    for (Limits limits :
        List.of(LIMITS, new Limits(2, Duration.ofHours(36), Duration.ofMinutes(1)))) {
      for (Strategy fixed : Strategy.fixedSchedules(limits)) {
        List<Duration> schedule = fixed.policy().schedule();
        int cutShort = 0;
        for (long index = FIRST_INVOICE; index < FIRST_INVOICE + 200; index++) {
          WorldInvoice invoice = WORLD.draw(index);
          Play play = watch(invoice, fixed).play();
          List<Attempt> attempts = play.attempts();
          String where = fixed.name() + " on invoice " + index;

          for (int retry = 1; retry < attempts.size(); retry++) {
            assertThat(attempts.get(retry).attemptedAt())
                .as(where)
                .isEqualTo(invoice.firstFailureAt().plus(schedule.get(retry - 1)));
          }
          if (play.retries() < schedule.size()) {
            // Only a recovery or a hard decline ends a schedule early.
            assertThat(play.recovered() || play.hardDeclined()).as(where).isTrue();
            cutShort++;
          } else {
            assertThat(play.retries()).as(where).isEqualTo(schedule.size());
          }
        }
        assertThat(cutShort).as(fixed.name()).isPositive();
      }
    }
  }

  private static SimulationReport run(
      Limits limits, int invoices, List<Strategy> strategies, int threads) throws Exception {
    Simulation simulation = new Simulation(WORLD, FIRST_INVOICE, limits);
    // A parallel stream started inside a pool runs on that pool's threads.
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> simulation.run(invoices, strategies, done -> {})).get();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theSameStrategiesOnTheSameInvoicesGiveTheSameReportOnAnyNumberOfThreads() throws Exception {
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(planner("planner", SCATTERED, LIMITS));
    strategies.addAll(Strategy.fixedSchedules(LIMITS));
    strategies.add(Strategy.oracle(LIMITS));

    SimulationReport oneThread = run(LIMITS, 80, strategies, 1);
    SimulationReport fourThreads = run(LIMITS, 80, strategies, 4);
    SimulationReport again =
        new Simulation(WORLD, FIRST_INVOICE, LIMITS).run(80, strategies, d -> {});

    assertThat(fourThreads).isEqualTo(oneThread);
    assertThat(again).isEqualTo(oneThread);
  }

  @Test
  void theReportAddsUpThePlaysOneByOne() {
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(planner("planner", SCATTERED, LIMITS));
    strategies.addAll(Strategy.fixedSchedules(LIMITS));
    int invoices = 60;
    AtomicLong lastProgress = new AtomicLong();

    SimulationReport report =
        new Simulation(WORLD, FIRST_INVOICE, LIMITS)
            .run(invoices, strategies, done -> lastProgress.accumulateAndGet(done, Math::max));

    assertThat(lastProgress).hasValue(invoices);
    assertThat(report.invoices()).isEqualTo(invoices);
    assertThat(report.worldSeed()).isEqualTo(42);
    assertThat(report.firstInvoice()).isEqualTo(FIRST_INVOICE);
    assertThat(report.maxRetries()).isEqualTo(4);
    // ISO-8601, whichever way it is spelled (P14D or PT336H).
    assertThat(Duration.parse(report.maxDuration())).isEqualTo(Duration.ofDays(14));
    assertThat(Duration.parse(report.minInterval())).isEqualTo(Duration.ofHours(1));
    assertThat(report.strategies())
        .extracting(StrategyOutcome::name)
        .containsExactly("planner", "evenly_spread", "days_1_3_5_7", "daily");
    for (Strategy strategy : strategies) {
      long recovered = 0;
      long retries = 0;
      Map<String, Long> amounts = new TreeMap<>();
      List<Double> hours = new ArrayList<>();
      for (long index = FIRST_INVOICE; index < FIRST_INVOICE + invoices; index++) {
        WorldInvoice invoice = WORLD.draw(index);
        PlayResult result = Simulation.play(invoice, strategy);
        retries += result.retries();
        if (result.recovered()) {
          recovered++;
          amounts.merge(invoice.currency(), invoice.amountMinor(), Long::sum);
          hours.add(result.hoursToRecovery());
        }
      }
      hours.sort(null);
      int middle = hours.size() / 2;
      double median =
          hours.size() % 2 == 1
              ? hours.get(middle)
              : (hours.get(middle - 1) + hours.get(middle)) / 2;

      StrategyOutcome outcome = report.outcome(strategy.name());
      assertThat(outcome.kind()).isEqualTo(strategy.kind());
      assertThat(outcome.invoices()).isEqualTo(invoices);
      assertThat(outcome.recovered()).isEqualTo(recovered);
      assertThat(outcome.recoveryRate()).isEqualTo((double) recovered / invoices);
      assertThat(outcome.retries()).isEqualTo(retries);
      assertThat(outcome.retriesPerInvoice()).isEqualTo((double) retries / invoices);
      assertThat(outcome.recoveredAmount()).isEqualTo(amounts);
      assertThat(outcome.medianHoursToRecovery()).isCloseTo(median, offset(1e-9));
    }
  }

  @Test
  void theOracleRecoversAtLeastAsMuchAsEveryFixedSchedule() throws Exception {
    List<Strategy> strategies = new ArrayList<>(Strategy.fixedSchedules(LIMITS));
    strategies.add(Strategy.oracle(LIMITS));

    SimulationReport report = run(LIMITS, 500, strategies, 2);

    StrategyOutcome oracle = report.outcome("oracle");
    for (StrategyOutcome outcome : report.strategies()) {
      assertThat(oracle.recovered())
          .as("oracle vs " + outcome.name())
          .isGreaterThanOrEqualTo(outcome.recovered());
    }
    // With no planner there is nothing to measure a gap for.
    assertThat(report.gapClosed()).isNaN();
    assertThat(report.bestFixed()).isNotNull();
  }

  @Test
  void gapClosedIsThePlannersShareOfTheWayFromTheBestFixedScheduleToTheOracle() throws Exception {
    Strategy oracle = Strategy.oracle(LIMITS);
    List<Strategy> fixed = Strategy.fixedSchedules(LIMITS);
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(planner("planner", SCATTERED, LIMITS));
    strategies.addAll(fixed);
    strategies.add(oracle);

    SimulationReport report = run(LIMITS, 100, strategies, 2);

    StrategyOutcome best =
        report.strategies().stream()
            .filter(outcome -> outcome.kind() == Strategy.Kind.FIXED)
            .max((a, b) -> Double.compare(a.recoveryRate(), b.recoveryRate()))
            .orElseThrow();
    assertThat(report.bestFixed()).isEqualTo(best.name());
    double planner = report.outcome("planner").recoveryRate();
    double oracleRate = report.outcome("oracle").recoveryRate();
    assertThat(oracleRate).isGreaterThan(best.recoveryRate());
    assertThat(report.gapClosed())
        .isCloseTo(
            (planner - best.recoveryRate()) / (oracleRate - best.recoveryRate()), offset(1e-12));

    // A planner that is the oracle under another name closes all of the gap...
    Strategy perfect =
        new Strategy("planner", Strategy.Kind.PLANNER, oracle.policy(), oracle.scorers());
    List<Strategy> withPerfect = new ArrayList<>(strategies);
    withPerfect.set(0, perfect);
    assertThat(run(LIMITS, 100, withPerfect, 2).gapClosed()).isEqualTo(1.0);

    // ...one that plays the best fixed schedule closes none of it...
    Strategy copycat =
        new Strategy(
            "planner",
            Strategy.Kind.PLANNER,
            fixed.stream()
                .filter(s -> s.name().equals(best.name()))
                .findFirst()
                .orElseThrow()
                .policy(),
            null);
    List<Strategy> withCopycat = new ArrayList<>(strategies);
    withCopycat.set(0, copycat);
    assertThat(run(LIMITS, 100, withCopycat, 2).gapClosed()).isEqualTo(0.0);

    // ...and an "oracle" no better than the best fixed schedule leaves no gap to close.
    Strategy blindOracle =
        new Strategy("oracle", Strategy.Kind.ORACLE, fixed.get(2).policy(), null);
    List<Strategy> withBlindOracle = new ArrayList<>(strategies);
    withBlindOracle.set(withBlindOracle.size() - 1, blindOracle);
    assertThat(run(LIMITS, 100, withBlindOracle, 2).gapClosed()).isNaN();
  }

  @Test
  void limitsRefuseWhatNoPolicyCouldKeep() {
    Duration day = Duration.ofDays(1);
    Duration hour = Duration.ofHours(1);
    assertThatThrownBy(() -> new Limits(0, day, hour))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max retries");
    assertThatThrownBy(() -> new Limits(-3, day, hour))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(4, Duration.ofMinutes(59), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max duration");
    assertThatThrownBy(() -> new Limits(4, day, Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min interval");
    assertThatThrownBy(() -> new Limits(4, day, day.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min interval");
    assertThatThrownBy(() -> new Limits(4, day, day.negated()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(4, null, hour)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Limits(4, day, null)).isInstanceOf(NullPointerException.class);

    // The boundaries themselves are allowed.
    assertThat(new Limits(1, hour, Duration.ofMinutes(1)).maxRetries()).isEqualTo(1);
    assertThat(new Limits(1, hour, hour).minInterval()).isEqualTo(hour);
  }

  @Test
  void aSimulationNeedsInvoicesFromANonNegativeIndex() {
    assertThatThrownBy(() -> new Simulation(WORLD, -1, LIMITS))
        .isInstanceOf(IllegalArgumentException.class);
    Simulation simulation = new Simulation(WORLD, FIRST_INVOICE, LIMITS);
    assertThatThrownBy(() -> simulation.run(0, Strategy.fixedSchedules(LIMITS), done -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, List<Duration>> schedules(Limits limits) {
    Map<String, List<Duration>> schedules = new TreeMap<>();
    for (Strategy strategy : Strategy.fixedSchedules(limits)) {
      assertThat(strategy.kind()).isEqualTo(Strategy.Kind.FIXED);
      assertThat(strategy.scorers()).isNull();
      RetryPolicy policy = strategy.policy();
      assertThat(policy.mode()).isEqualTo(RetryPolicy.Mode.FIXED);
      assertThat(policy.maxRetries()).isEqualTo(limits.maxRetries());
      assertThat(policy.maxDuration()).isEqualTo(limits.maxDuration());
      assertThat(policy.minInterval()).isEqualTo(limits.minInterval());
      schedules.put(strategy.name(), policy.schedule());
    }
    return schedules;
  }

  private static List<Duration> days(int... days) {
    return Arrays.stream(days).mapToObj(Duration::ofDays).toList();
  }

  @Test
  void fixedSchedulesFollowTheirNamesWithinTheLimits() {
    assertThat(schedules(new Limits(4, Duration.ofDays(14), Duration.ofHours(1))))
        .containsOnly(
            // Three and a half days apart, the last at the end of the window.
            Map.entry("evenly_spread", hours(84, 168, 252, 336)),
            Map.entry("days_1_3_5_7", days(1, 3, 5, 7)),
            Map.entry("daily", days(1, 2, 3, 4)));
  }

  private static List<Duration> hours(int... hours) {
    return Arrays.stream(hours).mapToObj(Duration::ofHours).toList();
  }

  @Test
  void fixedSchedulesAreCutToTheMaxRetries() {
    assertThat(schedules(new Limits(2, Duration.ofDays(14), Duration.ofHours(1))))
        .containsOnly(
            Map.entry("evenly_spread", days(7, 14)),
            Map.entry("days_1_3_5_7", days(1, 3)),
            Map.entry("daily", days(1, 2)));
  }

  @Test
  void fixedSchedulesAreCutToTheMaxDuration() {
    assertThat(schedules(new Limits(8, Duration.ofDays(4), Duration.ofHours(1))))
        .containsOnly(
            Map.entry("evenly_spread", hours(12, 24, 36, 48, 60, 72, 84, 96)),
            Map.entry("days_1_3_5_7", days(1, 3)),
            Map.entry("daily", days(1, 2, 3, 4)));
    // An offset right at the end of the window is still inside it.
    assertThat(schedules(new Limits(8, Duration.ofDays(5), Duration.ofHours(1))))
        .containsEntry("days_1_3_5_7", days(1, 3, 5))
        .containsEntry("daily", days(1, 2, 3, 4, 5));
  }
}
