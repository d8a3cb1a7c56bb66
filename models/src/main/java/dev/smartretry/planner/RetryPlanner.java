package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Chooses the next retry time of an invoice under its policy.
 *
 * <p>Hard rules come first and no score can override them: no retry after a hard decline or a
 * forbidding network advice code, at most {@code maxRetries} retries, none before {@code as_of},
 * none sooner than {@code minInterval} after the previous attempt or than the Visa rule allows,
 * none after the deadline (first failure plus {@code maxDuration}).
 *
 * <p>Within those limits a smart policy with a scorer plans the remaining budget rather than
 * chasing the single best slot, which tends to wait too long and leave the rest of the window
 * unused. It scores the allowed window coarse to fine (every hour, then every 15 minutes within the
 * hour around the most promising hours, at least three per remaining retry), picks the remaining
 * retries greedily by success probability, each at least a spacing apart (the window shared out
 * over twice the remaining retries, or the policy's minimum interval if longer, since retries close
 * together tend to fail together), and runs the earliest of the planned retries. It then refines
 * that time on a 5-minute grid around it. After each failure the plan is made anew with what the
 * failure taught. Without a scorer, or for a fixed policy, the policy's schedule is followed.
 */
public final class RetryPlanner {
  static final Duration COARSE_GRID = Duration.ofHours(1);
  static final Duration GRID = Duration.ofMinutes(15);
  static final Duration FINE_GRID = Duration.ofMinutes(5);

  /** Coarse candidates looked at closely: at least this many, or three per remaining retry. */
  static final int MIN_PROMISING = 8;

  private final SuccessScorer scorer;

  /** A planner that asks {@code scorer}; null means no usable model (fixed-schedule fallback). */
  public RetryPlanner(SuccessScorer scorer) {
    this.scorer = scorer;
  }

  public RetryDecision decide(DecisionContext context, RetryPolicy policy, Instant asOf) {
    Instant first = context.firstFailureAt();
    Instant deadline = first.plus(policy.maxDuration());
    int used = context.attempts().size() - 1;
    int retryNumber = used + 1;
    if (NetworkRules.forbidsRetry(context)) {
      return RetryDecision.stop(
          retryNumber,
          Math.max(0, policy.maxRetries() - used),
          deadline,
          DecisionReason.HARD_DECLINE);
    }
    if (used >= policy.maxRetries()) {
      return RetryDecision.stop(retryNumber, 0, deadline, DecisionReason.RETRIES_EXHAUSTED);
    }
    int remainingAfter = policy.maxRetries() - retryNumber;
    Instant earliest =
        latest(asOf, context.previousAttempt().attemptedAt().plus(policy.minInterval()));
    Optional<Instant> visaEarliest = NetworkRules.visaEarliest(context);
    if (visaEarliest.isPresent()) {
      earliest = latest(earliest, visaEarliest.get());
    }
    if (earliest.isAfter(deadline)) {
      return RetryDecision.stop(
          retryNumber, remainingAfter + 1, deadline, DecisionReason.DEADLINE_PASSED);
    }
    if (policy.mode() == RetryPolicy.Mode.FIXED || scorer == null) {
      DecisionReason reason =
          policy.mode() == RetryPolicy.Mode.FIXED
              ? DecisionReason.FIXED_SCHEDULE
              : DecisionReason.FALLBACK;
      return scheduled(policy, first, earliest, deadline, used, remainingAfter, reason);
    }
    return planned(context, policy, earliest, deadline, retryNumber, remainingAfter);
  }

  private static RetryDecision scheduled(
      RetryPolicy policy,
      Instant first,
      Instant earliest,
      Instant deadline,
      int used,
      int remainingAfter,
      DecisionReason reason) {
    if (used >= policy.schedule().size()) {
      return RetryDecision.stop(used + 1, 0, deadline, DecisionReason.RETRIES_EXHAUSTED);
    }
    Instant at = latest(first.plus(policy.schedule().get(used)), earliest);
    if (at.isAfter(deadline)) {
      return RetryDecision.stop(
          used + 1, remainingAfter + 1, deadline, DecisionReason.DEADLINE_PASSED);
    }
    return new RetryDecision(
        at, OptionalDouble.empty(), used + 1, remainingAfter, deadline, reason);
  }

  private RetryDecision planned(
      DecisionContext context,
      RetryPolicy policy,
      Instant earliest,
      Instant deadline,
      int retryNumber,
      int remainingAfter) {
    int budget = remainingAfter + 1;
    SuccessScorer.CandidateScorer scores = scorer.forDecision(context);
    Scored scored = search(scores, earliest, deadline, budget);
    List<Instant> candidates = scored.times();
    double[] probabilities = scored.probabilities();
    Duration window = Duration.between(earliest, deadline);
    Duration spacing = window.dividedBy(2L * budget);
    if (spacing.compareTo(policy.minInterval()) < 0) {
      spacing = policy.minInterval();
    }
    int chosen = earliestOfPlan(candidates, probabilities, budget, spacing);
    Instant at = candidates.get(chosen);
    double probability = probabilities[chosen];
    List<Instant> finer = new ArrayList<>();
    for (long step = -2; step <= 2; step++) {
      Instant near = at.plusSeconds(step * FINE_GRID.getSeconds());
      if (step != 0 && !near.isBefore(earliest) && !near.isAfter(deadline)) {
        finer.add(near);
      }
    }
    if (!finer.isEmpty()) {
      double[] finerProbabilities = sanitized(scores.probabilities(finer));
      for (int index = 0; index < finer.size(); index++) {
        if (finerProbabilities[index] > probability) {
          probability = finerProbabilities[index];
          at = finer.get(index);
        }
      }
    }
    return new RetryDecision(
        at,
        OptionalDouble.of(probability),
        retryNumber,
        remainingAfter,
        deadline,
        DecisionReason.MODEL_OPTIMUM);
  }

  /**
   * Probabilities across the window, coarse to fine: every hour first, then every 15 minutes around
   * the most promising hours, so that the time the plan picks is a 15-minute optimum while scoring
   * a third of the 15-minute grid.
   */
  private static Scored search(
      SuccessScorer.CandidateScorer scores, Instant earliest, Instant deadline, int budget) {
    List<Instant> coarse = grid(earliest, deadline, COARSE_GRID);
    double[] coarseProbabilities = sanitized(scores.probabilities(coarse));
    int promising = Math.max(MIN_PROMISING, 3 * budget);
    Set<Instant> seen = new HashSet<>(coarse);
    List<Instant> finer = new ArrayList<>();
    for (int index : best(coarseProbabilities, promising)) {
      Instant center = coarse.get(index);
      Instant from = latest(earliest, center.minus(COARSE_GRID));
      Instant to = center.plus(COARSE_GRID);
      for (Instant near : grid(from, to.isAfter(deadline) ? deadline : to, GRID)) {
        if (near.isAfter(center.minus(COARSE_GRID))
            && near.isBefore(center.plus(COARSE_GRID))
            && seen.add(near)) {
          finer.add(near);
        }
      }
    }
    if (finer.isEmpty()) {
      return new Scored(coarse, coarseProbabilities);
    }
    finer.sort(null);
    return Scored.merged(
        new Scored(coarse, coarseProbabilities),
        new Scored(finer, sanitized(scores.probabilities(finer))));
  }

  /** Candidate times in order, with their probabilities. */
  private record Scored(List<Instant> times, double[] probabilities) {
    static Scored merged(Scored first, Scored second) {
      int size = first.times.size() + second.times.size();
      List<Instant> times = new ArrayList<>(size);
      double[] probabilities = new double[size];
      int fromFirst = 0;
      int fromSecond = 0;
      while (fromFirst + fromSecond < size) {
        boolean takeFirst =
            fromSecond == second.times.size()
                || (fromFirst < first.times.size()
                    && first.times.get(fromFirst).isBefore(second.times.get(fromSecond)));
        Scored source = takeFirst ? first : second;
        int index = takeFirst ? fromFirst++ : fromSecond++;
        probabilities[times.size()] = source.probabilities[index];
        times.add(source.times.get(index));
      }
      return new Scored(times, probabilities);
    }
  }

  /** The indices of the {@code count} highest values (all of them when there are fewer). */
  private static int[] best(double[] values, int count) {
    Integer[] order = new Integer[values.length];
    for (int index = 0; index < order.length; index++) {
      order[index] = index;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    int[] best = new int[Math.min(count, order.length)];
    for (int index = 0; index < best.length; index++) {
      best[index] = order[index];
    }
    return best;
  }

  /** The index of the earliest retry in the greedy plan of {@code budget} spaced retries. */
  static int earliestOfPlan(
      List<Instant> candidates, double[] probabilities, int budget, Duration spacing) {
    long[] millis = new long[candidates.size()];
    for (int index = 0; index < millis.length; index++) {
      millis[index] = candidates.get(index).toEpochMilli();
    }
    long spacingMillis = spacing.toMillis();
    long[] picked = new long[budget];
    int pickedCount = 0;
    int earliestPick = -1;
    for (int round = 0; round < budget; round++) {
      int best = -1;
      for (int index = 0; index < millis.length; index++) {
        if ((best < 0 || probabilities[index] > probabilities[best])
            && farFromAll(millis[index], picked, pickedCount, spacingMillis)) {
          best = index;
        }
      }
      if (best < 0) {
        break;
      }
      picked[pickedCount++] = millis[best];
      if (earliestPick < 0 || best < earliestPick) {
        earliestPick = best;
      }
    }
    return earliestPick;
  }

  private static boolean farFromAll(long candidate, long[] picked, int count, long spacing) {
    for (int index = 0; index < count; index++) {
      if (Math.abs(candidate - picked[index]) < spacing) {
        return false;
      }
    }
    return true;
  }

  /**
   * Candidates from {@code earliest} to {@code deadline}: the earliest itself, then every whole
   * step of the clock after it, and the deadline.
   */
  static List<Instant> grid(Instant earliest, Instant deadline, Duration step) {
    List<Instant> candidates = new ArrayList<>();
    candidates.add(earliest);
    long stepSeconds = step.getSeconds();
    long epoch = earliest.truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
    Instant next = Instant.ofEpochSecond((epoch / stepSeconds + 1) * stepSeconds);
    while (!next.isAfter(deadline)) {
      candidates.add(next);
      next = next.plus(step);
    }
    if (candidates.get(candidates.size() - 1).isBefore(deadline)) {
      candidates.add(deadline);
    }
    return candidates;
  }

  private static double[] sanitized(double[] probabilities) {
    double[] clean = new double[probabilities.length];
    for (int index = 0; index < clean.length; index++) {
      double value = probabilities[index];
      clean[index] = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
    return clean;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
