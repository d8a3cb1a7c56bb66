package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import java.time.Instant;
import java.util.List;

/**
 * The remaining budget planned as a whole: a dynamic programme over the best hour of each block of
 * the scored window, in which a retry that has failed changes how the model sees the ones after it.
 *
 * <p>The value of retrying at time {@code i} with {@code k} retries left is {@code p(i) * u(i) + (1
 * - p(i)) * V(i, k - 1)}, where {@code V(i, k - 1)} is the best value of the next retry at least
 * the minimum interval after {@code i}, scored by the model as it would be asked after a failure at
 * {@code i} (its last attempt moved to {@code i}), and {@code u} is what a recovery is worth when
 * it comes: 1 at the earliest allowed time, less later by {@code discountPerDay}. Only the failed
 * retry at {@code i} is conditioned on, not the whole path to it: one hypothetical context serves
 * every pair of times, so a decision costs one table of pairs, not one per path.
 */
final class LookAhead {
  private final SuccessScorer scorer;
  private final double discountPerDay;

  LookAhead(SuccessScorer scorer, double discountPerDay) {
    this.scorer = scorer;
    this.discountPerDay = discountPerDay;
  }

  /**
   * The index among {@code times} (increasing, with their probabilities now) of the retry to run
   * first; the earliest of equally good ones.
   */
  int first(
      DecisionContext context,
      List<Instant> times,
      double[] probabilities,
      int budget,
      long minIntervalSeconds) {
    int count = times.size();
    long start = times.get(0).getEpochSecond();
    double[] worth = new double[count];
    for (int index = 0; index < count; index++) {
      double days = (times.get(index).getEpochSecond() - start) / 86_400.0;
      worth[index] = Math.exp(-discountPerDay * days);
    }
    double[] continuation = new double[count];
    if (budget > 1) {
      continuation = continuation(context, times, worth, budget - 1, minIntervalSeconds);
    }
    int first = 0;
    double best = -1;
    for (int index = 0; index < count; index++) {
      double p = probabilities[index];
      double value = p * worth[index] + (1 - p) * continuation[index];
      if (value > best + 1e-12) {
        best = value;
        first = index;
      }
    }
    return first;
  }

  /** Per time, the value of the best {@code retries} retries after a failure then. */
  private double[] continuation(
      DecisionContext context,
      List<Instant> times,
      double[] worth,
      int retries,
      long minIntervalSeconds) {
    int count = times.size();
    SuccessScorer.CandidateScorer afterFailure =
        scorer.forDecision(context.afterFailedRetry(times.get(0)));
    // after[i][k]: the probability at time firstAfter[i] + k, had a retry failed at time i.
    double[][] after = new double[count][];
    int[] firstAfter = new int[count];
    for (int index = 0; index < count; index++) {
      int next = index + 1;
      long at = times.get(index).getEpochSecond();
      while (next < count && times.get(next).getEpochSecond() - at < minIntervalSeconds) {
        next++;
      }
      firstAfter[index] = next;
      after[index] =
          next == count
              ? new double[0]
              : RetryPlanner.sanitized(
                  afterFailure.probabilitiesAfter(times.get(index), times.subList(next, count)));
    }
    double[] value = new double[count];
    for (int round = 0; round < retries; round++) {
      double[] deeper = new double[count];
      for (int index = 0; index < count; index++) {
        double best = 0;
        for (int offset = 0; offset < after[index].length; offset++) {
          int next = firstAfter[index] + offset;
          double q = after[index][offset];
          best = Math.max(best, q * worth[next] + (1 - q) * value[next]);
        }
        deeper[index] = best;
      }
      value = deeper;
    }
    return value;
  }
}
