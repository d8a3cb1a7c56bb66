package dev.smartretry.simulation;

import dev.smartretry.features.PastAttempt;
import dev.smartretry.generator.Play;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.planner.SuccessScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A way of retrying: a policy for the planner and, for smart policies, what scores candidate times
 * on a given play. Every strategy goes through the same {@link
 * dev.smartretry.planner.RetryPlanner}, so the networks' rules and the merchant's limits bind all
 * of them alike.
 *
 * @param scorers the scorer for a play; null for fixed schedules
 */
public record Strategy(
    String name, Kind kind, RetryPolicy policy, Function<Play, SuccessScorer> scorers) {
  /** What a strategy is, for reports. */
  public enum Kind {
    PLANNER,
    FIXED,
    ORACLE
  }

  /** The name of the evenly spread fixed schedule. */
  public static final String EVENLY_SPREAD = "evenly_spread";

  /** The name of the oracle. */
  public static final String ORACLE = "oracle";

  public Strategy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(policy, "policy");
  }

  /** The learned planner: the policy's limits, candidate times scored by {@code model}. */
  public static Strategy planner(SuccessScorer model, Limits limits) {
    return planner("planner", model, limits);
  }

  /** A learned planner under another name, to play two models side by side. */
  public static Strategy planner(String name, SuccessScorer model, Limits limits) {
    return new Strategy(name, Kind.PLANNER, smartPolicy(limits), play -> model);
  }

  /**
   * The same planner scoring with the world's exact success probabilities: what a planner could do
   * with a perfect model.
   */
  public static Strategy oracle(Limits limits) {
    return new Strategy(
        ORACLE,
        Kind.ORACLE,
        smartPolicy(limits),
        play ->
            (context, candidates) -> {
              // Retries the context holds beyond the play's are the planner looking ahead.
              List<Instant> supposed =
                  context
                      .attempts()
                      .subList(play.attempts().size(), context.attempts().size())
                      .stream()
                      .map(PastAttempt::attemptedAt)
                      .toList();
              double[] probabilities = new double[candidates.size()];
              for (int index = 0; index < probabilities.length; index++) {
                probabilities[index] =
                    play.successProbabilityAfter(supposed, candidates.get(index));
              }
              return probabilities;
            });
  }

  /** The fixed schedules the planner must beat: evenly spread, days 1/3/5/7, daily. */
  public static List<Strategy> fixedSchedules(Limits limits) {
    long windowSeconds = limits.maxDuration().getSeconds();
    List<Duration> even = new ArrayList<>();
    for (int retry = 1; retry <= limits.maxRetries(); retry++) {
      even.add(Duration.ofSeconds(windowSeconds * retry / limits.maxRetries()));
    }
    List<Duration> oddDays = new ArrayList<>();
    for (int day : new int[] {1, 3, 5, 7}) {
      oddDays.add(Duration.ofDays(day));
    }
    List<Duration> daily = new ArrayList<>();
    for (int day = 1; day <= limits.maxRetries(); day++) {
      daily.add(Duration.ofDays(day));
    }
    return List.of(
        fixed(EVENLY_SPREAD, even, limits),
        fixed("days_1_3_5_7", oddDays, limits),
        fixed("daily", daily, limits));
  }

  /** A fixed schedule of offsets from the first failure, cut to the limits. */
  static Strategy fixed(String name, List<Duration> offsets, Limits limits) {
    List<Duration> schedule =
        offsets.stream()
            .filter(offset -> offset.compareTo(limits.maxDuration()) <= 0)
            .limit(limits.maxRetries())
            .toList();
    return new Strategy(
        name,
        Kind.FIXED,
        new RetryPolicy(
            RetryPolicy.Mode.FIXED,
            limits.maxRetries(),
            limits.maxDuration(),
            limits.minInterval(),
            schedule,
            Duration.ZERO),
        null);
  }

  private static RetryPolicy smartPolicy(Limits limits) {
    return new RetryPolicy(
        RetryPolicy.Mode.SMART,
        limits.maxRetries(),
        limits.maxDuration(),
        limits.minInterval(),
        List.of(),
        Duration.ZERO);
  }
}
