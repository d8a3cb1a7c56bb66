package dev.smartretry.planner;

import dev.smartretry.features.DecisionContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Chooses the next retry time of an invoice under its policy.
 *
 * <p>Hard rules come first and no score can override them: no retry at all under a manual policy (a
 * person handles the invoice), none after a hard decline or a forbidding network advice code, at
 * most {@code maxRetries} retries, none before {@code as_of}, none sooner than the policy's grace
 * period after the first failure, than {@code minInterval} after the previous attempt or than a
 * network advice code on it or the Visa rule allows, none after the deadline (first failure plus
 * {@code maxDuration}).
 *
 * <p>Within those limits a smart policy with a scorer plans the whole remaining budget rather than
 * chasing the single best slot: a retry now that fails still leaves the later good times, and a
 * failure says something about the times after it. It scores the allowed window every hour, keeps
 * the best hour of each day, and runs a {@link LookAhead}: a dynamic programme over those times and
 * the retries left, in which the retries after a failed one are scored as the model would see them
 * after that failure. The first retry of the best plan is the answer. A recovery a day later is
 * worth 0.5 % less ({@link #DISCOUNT_PER_DAY}), so of nearly equal plans the sooner wins: on the
 * yardstick's development worlds this cut the median hours to recovery by a fifth to a third for no
 * recovery at all. Only the chosen time is refined: every 15 minutes within 45 minutes of it, then
 * every 5 minutes within 10 minutes of the best of those; the later retries of the plan are planned
 * anew with what the next failure teaches. Without a scorer, or for a fixed policy, the policy's
 * schedule is followed.
 *
 * <p>A planner with an {@link Exploration} share ε, asked with an invoice's id, explores: with
 * probability ε the time is drawn uniformly among the hourly candidates it scored (every one
 * allowed by the hard rules, which bound the grid), else it is the best as above. The draw is a
 * hash of the seed, the invoice and the retry number ({@link ExplorationDraw}), so the same retry
 * decided again draws the same. The decision's {@link Selection} carries the probability with which
 * its time was chosen: {@code (1 - ε) [best] + ε / |candidates| [a candidate]}, exactly. The
 * schedule (fixed, control arm, fallback) never explores: its time has probability 1. An explored
 * decision keeps the reason {@code model_optimum}, the only one the API has for a model's time.
 */
public final class RetryPlanner {
  static final Duration COARSE_GRID = Duration.ofHours(1);
  static final Duration GRID = Duration.ofMinutes(15);
  static final Duration FINE_GRID = Duration.ofMinutes(5);

  /**
   * Hours of the coarse grid per time the look-ahead weighs: the best hour of each day. Half days
   * planned no better on the yardstick's development worlds and cost a third more per decision.
   */
  static final int BLOCK = 24;

  /**
   * What a recovery a day later is worth less, as a rate: a recovery {@code d} days after the
   * earliest allowed time is worth {@code exp(-DISCOUNT_PER_DAY * d)}. Cash sooner and invoices
   * open for fewer days are worth something to every merchant; 1 % or more a day costs recoveries.
   */
  static final double DISCOUNT_PER_DAY = 0.005;

  /** How many steps of {@link #GRID}, then of {@link #FINE_GRID}, the chosen time may move. */
  static final int NEAR_STEPS = 3;

  static final int FINE_STEPS = 2;

  /** How many inputs an explanation names. */
  static final int EXPLAINED_INPUTS = 5;

  private final SuccessScorer scorer;
  private final Exploration exploration;

  /** A planner that asks {@code scorer}; null means no usable model (fixed-schedule fallback). */
  public RetryPlanner(SuccessScorer scorer) {
    this(scorer, Exploration.NONE);
  }

  /**
   * A planner that asks {@code scorer} and explores by {@code exploration} when a decision names
   * its invoice ({@link #decide(DecisionContext, RetryPolicy, Instant, String)}).
   */
  public RetryPlanner(SuccessScorer scorer, Exploration exploration) {
    this.scorer = scorer;
    this.exploration = Objects.requireNonNull(exploration, "exploration");
  }

  /** The planner's best decision, never explored: nothing names the retry to draw for. */
  public RetryDecision decide(DecisionContext context, RetryPolicy policy, Instant asOf) {
    return decide(context, policy, asOf, null, null);
  }

  /**
   * The decision for the retry of invoice {@code invoiceId}, explored by this planner's share: the
   * draw is keyed by the invoice and the retry's number, so deciding it again gives the same.
   */
  public RetryDecision decide(
      DecisionContext context, RetryPolicy policy, Instant asOf, String invoiceId) {
    return decide(context, policy, asOf, Objects.requireNonNull(invoiceId, "invoiceId"), null);
  }

  /**
   * The same decision as {@link #decide(DecisionContext, RetryPolicy, Instant)}, with the times
   * weighed, the fixed schedule's time and the inputs that moved the chosen time's probability,
   * when a model chose it.
   */
  public ExplainedDecision explain(DecisionContext context, RetryPolicy policy, Instant asOf) {
    return explain(context, policy, asOf, null);
  }

  /**
   * The same decision as {@link #decide(DecisionContext, RetryPolicy, Instant, String)}, explained:
   * an explored one says so, with the best time it passed over.
   *
   * @param invoiceId null for a decision that is never explored
   */
  public ExplainedDecision explain(
      DecisionContext context, RetryPolicy policy, Instant asOf, String invoiceId) {
    Trace trace = new Trace();
    RetryDecision decision = decide(context, policy, asOf, invoiceId, trace);
    if (decision.reason() != DecisionReason.MODEL_OPTIMUM) {
      return new ExplainedDecision(decision, Optional.empty());
    }
    List<ScoredTime> weighed = trace.weighed;
    weighed.sort(Comparator.comparing(ScoredTime::at));
    List<ScoredTime> candidates = new ArrayList<>(weighed.size());
    for (ScoredTime time : weighed) {
      if (candidates.isEmpty() || !candidates.get(candidates.size() - 1).at().equals(time.at())) {
        candidates.add(time);
      }
    }
    int used = context.attempts().size() - 1;
    Optional<ScoredTime> fixed = Optional.empty();
    if (used < policy.schedule().size()) {
      Instant earliest = earliest(context, policy, asOf);
      Instant at = latest(context.firstFailureAt().plus(policy.schedule().get(used)), earliest);
      if (!at.isAfter(decision.deadline())) {
        double probability = sanitized(scorer.probabilities(context, List.of(at)))[0];
        fixed = Optional.of(new ScoredTime(at, probability));
      }
    }
    List<InputEffect> inputs =
        scorer.inputEffects(context, decision.nextAttemptAt(), EXPLAINED_INPUTS);
    return new ExplainedDecision(
        decision,
        Optional.of(
            new DecisionExplanation(
                candidates, fixed, inputs, decision.selection(), trace.forgone)));
  }

  /** What a decision weighed, for its explanation. */
  private static final class Trace {
    private final List<ScoredTime> weighed = new ArrayList<>();
    private Optional<ScoredTime> forgone = Optional.empty();
  }

  /** The soonest a retry may run: the hard rules' bounds, whichever is latest. */
  private static Instant earliest(DecisionContext context, RetryPolicy policy, Instant asOf) {
    Instant earliest =
        latest(asOf, context.previousAttempt().attemptedAt().plus(policy.minInterval()));
    earliest = latest(earliest, context.firstFailureAt().plus(policy.gracePeriod()));
    earliest = latest(earliest, NetworkRules.adviceEarliest(context).orElse(earliest));
    return latest(earliest, NetworkRules.visaEarliest(context).orElse(earliest));
  }

  /**
   * @param invoiceId keys the exploration draw; null: no exploration
   * @param trace when not null, collects every time the model scored
   */
  private RetryDecision decide(
      DecisionContext context, RetryPolicy policy, Instant asOf, String invoiceId, Trace trace) {
    Instant first = context.firstFailureAt();
    Instant deadline = first.plus(policy.maxDuration());
    int used = context.attempts().size() - 1;
    int retryNumber = used + 1;
    // Before the network's rules: the merchant wants a person on these invoices, and a hard decline
    // (a lost card, say) is where a person helps most.
    if (policy.mode() == RetryPolicy.Mode.MANUAL) {
      return RetryDecision.stop(
          retryNumber,
          Math.max(0, policy.maxRetries() - used),
          deadline,
          DecisionReason.MANUAL_REVIEW);
    }
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
    Instant earliest = earliest(context, policy, asOf);
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
    return planned(
        context, policy, earliest, deadline, retryNumber, remainingAfter, invoiceId, trace);
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
      int remainingAfter,
      String invoiceId,
      Trace trace) {
    List<ScoredTime> weighed = trace == null ? null : trace.weighed;
    SuccessScorer.CandidateScorer scores = scorer.forDecision(context);
    List<Instant> hours = grid(earliest, deadline, COARSE_GRID);
    double[] probabilities = sanitized(scores.probabilities(hours));
    int[] blockBest = blockBest(probabilities, BLOCK);
    List<Instant> times = new ArrayList<>(blockBest.length);
    double[] timeProbabilities = new double[blockBest.length];
    for (int index = 0; index < blockBest.length; index++) {
      times.add(hours.get(blockBest[index]));
      timeProbabilities[index] = probabilities[blockBest[index]];
      if (weighed != null) {
        weighed.add(new ScoredTime(times.get(index), timeProbabilities[index]));
      }
    }
    int first =
        new LookAhead(scorer, DISCOUNT_PER_DAY)
            .first(
                context,
                times,
                timeProbabilities,
                remainingAfter + 1,
                policy.minInterval().getSeconds());
    ScoredTime best = new ScoredTime(times.get(first), timeProbabilities[first]);
    best = refined(scores, best, GRID, NEAR_STEPS, earliest, deadline, weighed);
    best = refined(scores, best, FINE_GRID, FINE_STEPS, earliest, deadline, weighed);
    ScoredTime chosen = best;
    Selection selection = Selection.CERTAIN;
    if (invoiceId != null && exploration.isOn()) {
      double share = exploration.share();
      int count = hours.size();
      // The refined best is often between whole hours, so off the grid: then no draw can fall on
      // it and its probability is the exploitation's alone.
      int bestOnGrid = hours.indexOf(best.at());
      ExplorationDraw draw = ExplorationDraw.of(exploration.seed(), invoiceId, retryNumber);
      if (draw.explores(share)) {
        int drawn = draw.index(count);
        chosen = new ScoredTime(hours.get(drawn), probabilities[drawn]);
        selection = new Selection(share / count + (drawn == bestOnGrid ? 1 - share : 0), true);
        if (trace != null) {
          trace.weighed.add(chosen);
          trace.forgone = drawn == bestOnGrid ? Optional.empty() : Optional.of(best);
        }
      } else {
        selection = new Selection(1 - share + (bestOnGrid >= 0 ? share / count : 0), false);
      }
    }
    return new RetryDecision(
        chosen.at(),
        OptionalDouble.of(chosen.probability()),
        retryNumber,
        remainingAfter,
        deadline,
        DecisionReason.MODEL_OPTIMUM,
        selection);
  }

  /**
   * The index of the most likely candidate of each block of {@code block}, the earliest on ties.
   */
  private static int[] blockBest(double[] probabilities, int block) {
    int[] best = new int[(probabilities.length + block - 1) / block];
    for (int index = 0; index < best.length; index++) {
      int start = index * block;
      best[index] = start;
      for (int candidate = start + 1;
          candidate < Math.min(probabilities.length, start + block);
          candidate++) {
        if (probabilities[candidate] > probabilities[best[index]]) {
          best[index] = candidate;
        }
      }
    }
    return best;
  }

  /**
   * The most likely of {@code best} and the times up to {@code steps} times {@code step} before and
   * after it, within the window; {@code best} itself on a tie.
   */
  private static ScoredTime refined(
      SuccessScorer.CandidateScorer scores,
      ScoredTime best,
      Duration step,
      int steps,
      Instant earliest,
      Instant deadline,
      List<ScoredTime> weighed) {
    if (weighed != null) {
      weighed.add(best);
    }
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
      ScoredTime time = new ScoredTime(near.get(index), probabilities[index]);
      if (weighed != null) {
        weighed.add(time);
      }
      if (time.probability() > best.probability()) {
        best = time;
      }
    }
    return best;
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

  static double[] sanitized(double[] probabilities) {
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
