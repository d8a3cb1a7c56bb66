package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Chooses the next retry time of an invoice under its policy.
 *
 * <p>Hard rules come first and no score can override them: no retry after a hard decline or a
 * forbidding network advice code, at most {@code maxRetries} retries, none before {@code as_of},
 * none sooner than the policy's grace period after the first failure, than {@code minInterval}
 * after the previous attempt or than a network advice code on it or the Visa rule allows, none
 * after the deadline (first failure plus {@code maxDuration}).
 *
 * <p>Within those limits a smart policy with a scorer plans the remaining budget rather than
 * chasing the single best slot, which tends to wait too long and leave the rest of the window
 * unused. It scores the allowed window every hour, picks the remaining retries greedily by success
 * probability, each at least a spacing apart (the window shared out over twice the remaining
 * retries, or the policy's minimum interval if longer, since retries close together tend to fail
 * together), and runs the earliest of the planned retries. Only that time is refined: every 15
 * minutes within 45 minutes of it, then every 5 minutes within 10 minutes of the best of those; the
 * later retries of the plan are only a reason to go early, and are planned anew with what the next
 * failure teaches. Scoring every 15 minutes of the window instead would cost four times as much for
 * a plan that is thrown away. Without a scorer, or for a fixed policy, the policy's schedule is
 * followed.
 */
public final class RetryPlanner {
  static final Duration COARSE_GRID = Duration.ofHours(1);
  static final Duration GRID = Duration.ofMinutes(15);
  static final Duration FINE_GRID = Duration.ofMinutes(5);

  /** How many steps of {@link #GRID}, then of {@link #FINE_GRID}, the chosen time may move. */
  static final int NEAR_STEPS = 3;

  static final int FINE_STEPS = 2;

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
    earliest = latest(earliest, first.plus(policy.gracePeriod()));
    earliest = latest(earliest, NetworkRules.adviceEarliest(context).orElse(earliest));
    earliest = latest(earliest, NetworkRules.visaEarliest(context).orElse(earliest));
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
    List<Instant> candidates = grid(earliest, deadline, COARSE_GRID);
    double[] probabilities = sanitized(scores.probabilities(candidates));
    Duration window = Duration.between(earliest, deadline);
    Duration spacing = window.dividedBy(2L * budget);
    if (spacing.compareTo(policy.minInterval()) < 0) {
      spacing = policy.minInterval();
    }
    int chosen = earliestOfPlan(candidates, probabilities, budget, spacing);
    Candidate best = new Candidate(candidates.get(chosen), probabilities[chosen]);
    best = refined(scores, best, GRID, NEAR_STEPS, earliest, deadline);
    best = refined(scores, best, FINE_GRID, FINE_STEPS, earliest, deadline);
    return new RetryDecision(
        best.at(),
        OptionalDouble.of(best.probability()),
        retryNumber,
        remainingAfter,
        deadline,
        DecisionReason.MODEL_OPTIMUM);
  }

  private record Candidate(Instant at, double probability) {}

  /**
   * The most likely of {@code best} and the times up to {@code steps} times {@code step} before and
   * after it, within the window; {@code best} itself on a tie.
   */
  private static Candidate refined(
      SuccessScorer.CandidateScorer scores,
      Candidate best,
      Duration step,
      int steps,
      Instant earliest,
      Instant deadline) {
    List<Instant> near = new ArrayList<>(2 * steps);
    for (long offset = -steps; offset <= steps; offset++) {
      Instant at = best.at().plusSeconds(offset * step.getSeconds());
      if (offset != 0 && !at.isBefore(earliest) && !at.isAfter(deadline)) {
        near.add(at);
      }
    }
    if (near.isEmpty()) {
      return best;
    }
    double[] probabilities = sanitized(scores.probabilities(near));
    for (int index = 0; index < near.size(); index++) {
      if (probabilities[index] > best.probability()) {
        best = new Candidate(near.get(index), probabilities[index]);
      }
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
