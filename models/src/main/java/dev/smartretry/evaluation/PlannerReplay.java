package dev.smartretry.evaluation;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.Invoice;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import dev.smartretry.planner.SuccessScorer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The planner driven by a model, replayed on a history: would its retry times have landed where the
 * history shows successes?
 *
 * <p>The method is the rejection-sampling replay of Li, Chu, Langford and Wang, "Unbiased offline
 * evaluation of contextual-bandit-based news article recommendation algorithms" (WSDM 2011), with
 * the history's propensities estimated. Every retry of the history is a decision point: right after
 * the attempt before it failed ({@link #DECISION_DELAY} later, as {@code simulate} asks), the
 * planner is asked for the next retry time under the settings' policy, with the decision context of
 * exactly what was known then ({@link DecisionContext#beforeAttempt}, as training and evaluation
 * build it). The point <em>matches</em> when the planner's time is within the tolerance of the
 * logged retry's, either way, and on the same calendar day in the customer's zone (a pay day or a
 * weekday changes at midnight, not within a few hours). A stop never matches a logged retry.
 * Matched points keep the history's outcome as the planner's; unmatched ones are rejected.
 *
 * <p>Li et al.'s estimate, the plain success rate of the matched points, is unbiased only when the
 * history chose its retry times uniformly at random. Histories do not: a legacy policy retries
 * within hours far more often than days later, so a planner that retries soon (as a good one does
 * where nothing will help, keeping its budget for nothing) is matched mostly on hopeless invoices,
 * and one that waits for a good day is matched mostly on promising ones. On a generated history the
 * plain rate ranked the world's oracle (0.14) below the shipped model (0.24), whose true rates at
 * their chosen times on the same points were 0.39 and 0.26. So each matched point is weighted by
 * one over the history's chance of a retry in its match window, estimated from the history itself:
 * the share of all decision points whose delay after their failed attempt, applied to this one,
 * would have matched. The weighted (self-normalized) rate is the estimate; on that history, with
 * the default tolerance, it gave the oracle 0.36, the shipped model 0.24 and the oracle turned
 * upside down 0.05 (true 0.39, 0.26, 0.06). Its interval is Wilson's on the weights' effective
 * number.
 *
 * <p>What it estimates, and its caveats:
 *
 * <ul>
 *   <li>The planner's success rate per retry at the decision points the history reached, not the
 *       invoices' recovery under the planner: after an unmatched point the history goes on from a
 *       state the planner would not have made, and the planner never makes the retries it would
 *       have added where the history stopped. A planner that spends an early retry to keep later
 *       good ones can recover more invoices with a lower rate per retry; {@code simulate} measures
 *       recovery.
 *   <li>The estimated propensities see only the delay after a failure, the same for every invoice.
 *       Where the history chose by the invoice (quick retries after technical declines, fixed
 *       schedules for some customers, a person's judgement) the estimate keeps a bias. The
 *       history's own per-retry selection probabilities would remove it: the one place they go is
 *       {@code ReplayTally.propensity}.
 *   <li>Within the tolerance the logged time stands for the planner's: a wide tolerance matches
 *       more points, each a rougher stand-in.
 *   <li>Compare models replayed on the same history with the same settings; the figure is not a
 *       forecast of live recovery, which {@code simulate} and the live control group measure.
 * </ul>
 */
public final class PlannerReplay {
  /** When the planner is asked after a failed attempt: as {@code simulate} asks it. */
  public static final Duration DECISION_DELAY = Duration.ofMinutes(1);

  /** Invoices replayed together on all cores, as a history streams past. */
  static final int CHUNK = 256;

  private final RetryPlanner planner;
  private final ReplaySettings settings;

  public PlannerReplay(SuccessScorer model, ReplaySettings settings) {
    this.planner = new RetryPlanner(Objects.requireNonNull(model, "model"));
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public ReplaySettings settings() {
    return settings;
  }

  /** The invoice's decision points, oldest first: one per logged retry. */
  public List<ReplayedDecision> replay(Invoice invoice) {
    List<Attempt> attempts = invoice.attempts();
    List<ReplayedDecision> decisions = new ArrayList<>(attempts.size() - 1);
    for (int index = 1; index < attempts.size(); index++) {
      Attempt logged = attempts.get(index);
      DecisionContext context = DecisionContext.beforeAttempt(invoice, index);
      Instant asOf = context.previousAttempt().attemptedAt().plus(DECISION_DELAY);
      RetryDecision decision = planner.decide(context, settings.policy(), asOf);
      Instant planned = decision.nextAttemptAt();
      decisions.add(
          new ReplayedDecision(
              index,
              context.previousAttempt().attemptedAt(),
              logged.attemptedAt(),
              logged.succeeded(),
              planned,
              decision.reason(),
              planned != null
                  && matches(
                      planned, logged.attemptedAt(), invoice.timezone(), settings.tolerance())));
    }
    return decisions;
  }

  /** The replay of {@code invoices}, on all cores. */
  public ReplayReport replay(Collection<Invoice> invoices) {
    Chunks chunks = chunks(done -> {});
    invoices.forEach(chunks);
    return chunks.finish();
  }

  /**
   * A replay to feed invoice by invoice, then {@link Chunks#finish}.
   *
   * @param progress told the number of invoices replayed so far, from the feeding thread
   */
  Chunks chunks(LongConsumer progress) {
    return new Chunks(progress);
  }

  /**
   * Whether a retry at {@code planned} stands for one at {@code logged}: at most {@code tolerance}
   * apart, on the same local calendar day.
   */
  static boolean matches(Instant planned, Instant logged, ZoneId zone, Duration tolerance) {
    return Duration.between(planned, logged).abs().compareTo(tolerance) <= 0
        && planned.atZone(zone).toLocalDate().equals(logged.atZone(zone).toLocalDate());
  }

  /**
   * A replay fed invoice by invoice (a history streaming past), replaying a chunk at a time on all
   * cores and counting in the history's order.
   */
  final class Chunks implements Consumer<Invoice> {
    private final ReplayTally tally = new ReplayTally(settings.tolerance());
    private final List<Invoice> chunk = new ArrayList<>(CHUNK);
    private final LongConsumer progress;
    private long done;

    private Chunks(LongConsumer progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public void accept(Invoice invoice) {
      chunk.add(invoice);
      if (chunk.size() >= CHUNK) {
        flush();
      }
    }

    ReplayReport finish() {
      flush();
      return tally.report(settings);
    }

    private void flush() {
      if (chunk.isEmpty()) {
        return;
      }
      List<List<ReplayedDecision>> replayed =
          chunk.parallelStream().map(PlannerReplay.this::replay).toList();
      for (int index = 0; index < chunk.size(); index++) {
        tally.add(chunk.get(index), replayed.get(index));
      }
      done += chunk.size();
      chunk.clear();
      progress.accept(done);
    }
  }
}
