package dev.smartretry.service.plans;

import dev.smartretry.history.Outcome;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.service.clock.ServiceClock;
import dev.smartretry.service.decision.Decision;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.decision.RetryDecider;
import dev.smartretry.service.gateway.ChargeResult;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.policy.PolicyJson;
import dev.smartretry.service.policy.UnknownPolicyException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what calls to the gateway came back with, each with its consequence: an outcome is stored
 * as the attempt and the plan is decided again at the outcome's time; a call without outcome is
 * made again later with the same key, until 24 hours past the deadline.
 *
 * <p>Results are stored in batches, one transaction each, with the plans locked first (in the order
 * of their ids) and their attempts after, the order every transaction on them keeps, so that a late
 * outcome and a retry taken over cannot deadlock. Reading and locking a batch's plans, and reading
 * the attempts of those to decide again, take one query each, whatever the batch's size.
 */
@Singleton
final class RetryOutcomes {
  /** How long past its deadline a plan keeps calling a gateway that gives no outcome. */
  static final Duration GATEWAY_PATIENCE = Duration.ofHours(24);

  private static final Logger LOG = LoggerFactory.getLogger(RetryOutcomes.class);

  private final PaymentPlans plans;
  private final Attempts attempts;
  private final RetryDecider decider;
  private final TransactionOperations<Connection> transactions;
  private final PlanEvents events;
  private final PlanEventWriter eventsOut;
  private final JsonMapper json;
  private final ServiceClock clock;

  RetryOutcomes(
      PaymentPlans plans,
      Attempts attempts,
      RetryDecider decider,
      TransactionOperations<Connection> transactions,
      PlanEvents events,
      PlanEventWriter eventsOut,
      JsonMapper json,
      ServiceClock clock) {
    this.plans = plans;
    this.attempts = attempts;
    this.decider = decider;
    this.transactions = transactions;
    this.events = events;
    this.eventsOut = eventsOut;
    this.json = json;
    this.clock = clock;
  }

  /**
   * What a call that {@code owner} made for {@code retry} at {@code attemptedAt} came back with.
   */
  record CallResult(DueRetry retry, Instant attemptedAt, ChargeResult result, String owner) {}

  /**
   * Stores {@code results} in one transaction. Nothing is stored twice: if another instance took a
   * retry over and stored its outcome first, the later one is dropped (the gateway gave both the
   * same, by the idempotency key).
   */
  void storeAll(List<CallResult> results) {
    List<Runnable> announcements = transactions.executeWrite(status -> store(results));
    announcements.forEach(Runnable::run);
  }

  /** Stores the results; says what to announce once they are committed. */
  private List<Runnable> store(List<CallResult> results) {
    Map<Long, PaymentPlan> locked =
        plans.lockAll(results.stream().map(result -> result.retry().planId()).toList()).stream()
            .collect(Collectors.toMap(PaymentPlan::id, Function.identity()));
    Instant now = clock.instant();
    // Outcomes first, so that the failed attempts read for the decisions include them.
    Map<CallResult, Boolean> recorded = new IdentityHashMap<>();
    List<String> toDecide = new ArrayList<>();
    for (CallResult result : results) {
      if (result.result() instanceof ChargeResult.Charged charged) {
        boolean stored = record(result, charged, now);
        recorded.put(result, stored);
        if (stored
            && charged.outcome() == Outcome.FAILED
            && locked.get(result.retry().planId()).isScheduled()) {
          toDecide.add(result.retry().invoiceId());
        }
      }
    }
    Map<String, List<KnownAttempt>> known =
        toDecide.isEmpty()
            ? Map.of()
            : attempts.failedAttempts(toDecide).stream()
                .collect(Collectors.groupingBy(KnownAttempt::invoiceId));
    List<Runnable> announcements = new ArrayList<>();
    for (CallResult result : results) {
      PaymentPlan plan = locked.get(result.retry().planId());
      Optional<Stored> stored =
          result.result() instanceof ChargeResult.Charged charged
              ? charged(result, charged, plan, recorded.get(result), known, now)
              : noOutcome(result, (ChargeResult.NoOutcome) result.result(), plan, now);
      stored.ifPresent(change -> announcements.add(() -> announce(result, change)));
    }
    return announcements;
  }

  private boolean record(CallResult result, ChargeResult.Charged charged, Instant now) {
    return attempts.recordOutcome(
            result.retry().invoiceId(),
            result.retry().attemptNumber(),
            charged.outcome().wireName(),
            charged.declineCode() == null ? null : charged.declineCode().wireName(),
            charged.devices24h().isPresent() ? charged.devices24h().getAsInt() : null,
            charged.networkAdviceCode(),
            result.attemptedAt(),
            now)
        == 1;
  }

  /**
   * What a stored result did to the plan.
   *
   * @param after where the change left it
   */
  private record Stored(PlanChanged.Change kind, boolean finished, PlanEvents.State after) {}

  private void announce(CallResult result, Stored change) {
    DueRetry retry = result.retry();
    events.changed(
        retry.invoiceId(),
        retry.amountMinor(),
        retry.currency(),
        change.kind(),
        change.finished(),
        change.after(),
        result.result() instanceof ChargeResult.Charged charged
            ? charged.outcome().wireName()
            : null);
  }

  private Optional<Stored> charged(
      CallResult result,
      ChargeResult.Charged charged,
      PaymentPlan plan,
      boolean recorded,
      Map<String, List<KnownAttempt>> known,
      Instant now) {
    if (!recorded) {
      plans.release(plan.id(), result.owner());
      return Optional.empty();
    }
    if (!plan.isScheduled()) {
      // Resolved while the call was under way: the outcome counts, but cannot reopen the plan.
      plans.release(plan.id(), result.owner());
      eventsOut.attempted(plan.id(), attemptData(result, charged), false);
      return Optional.of(new Stored(PlanChanged.Change.RETRIED, false, PlanEvents.State.of(plan)));
    }
    PlanEvents.State after;
    if (charged.outcome() == Outcome.SUCCEEDED) {
      plans.recovered(plan.id(), result.attemptedAt(), now);
      after = new PlanEvents.State(PlanStatus.RECOVERED.wireName(), null);
    } else {
      after = decideAgain(plan, known.getOrDefault(plan.invoiceId(), List.of()), now);
    }
    eventsOut.attempted(plan.id(), attemptData(result, charged), true);
    return Optional.of(new Stored(PlanChanged.Change.RETRIED, after.isFinal(), after));
  }

  /** The outcome as an event's {@code data.attempt} shows it. */
  private static Map<String, Object> attemptData(CallResult result, ChargeResult.Charged charged) {
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("retry_number", result.retry().retryNumber());
    attempt.put("scheduled_for", result.retry().scheduledFor().toString());
    attempt.put("attempted_at", result.attemptedAt().toString());
    attempt.put("outcome", charged.outcome().wireName());
    attempt.put(
        "decline_code", charged.declineCode() == null ? null : charged.declineCode().wireName());
    attempt.put("network_advice_code", charged.networkAdviceCode());
    return attempt;
  }

  /** Decides a plan again after a failed retry, and writes the decision into it. */
  private PlanEvents.State decideAgain(PaymentPlan plan, List<KnownAttempt> failed, Instant now) {
    DecisionInput input = PlanDecisions.input(plan, failed, now);
    Decision decision;
    try {
      decision = decider.decideManaged(input);
    } catch (UnknownPolicyException deleted) {
      // Its stored policy was deleted by hand (the API refuses to while plans use it): the plan
      // goes on with the policy as it was last applied.
      LOG.warn(
          "The policy {} of the plan of {} is gone; it goes on with the policy as last applied",
          plan.policyName(),
          plan.invoiceId());
      decision =
          decider.decideManaged(
              input.withPolicy(PolicyChoice.inline(PlanDecisions.appliedPolicy(plan))));
    }
    RetryDecision retry = decision.retry();
    // Written only when it changed: most decisions apply the policy the last one applied.
    PolicyJson appliedNow = PolicyJson.of(decision.policy());
    String applied = appliedNow.equals(plan.appliedPolicy()) ? null : policyJson(appliedNow);
    if (retry.isRetry()) {
      plans.reschedule(
          plan.id(),
          retry.retryNumber(),
          retry.retriesRemaining(),
          retry.deadline(),
          retry.successProbability().isPresent() ? retry.successProbability().getAsDouble() : null,
          retry.selection().probability(),
          retry.reason().wireName(),
          decision.modelVersion(),
          retry.nextAttemptAt(),
          plan.policyName(),
          applied,
          now);
      return new PlanEvents.State(PlanStatus.SCHEDULED.wireName(), retry.nextAttemptAt());
    }
    StopReason stop = StopReason.of(retry.reason());
    plans.stop(
        plan.id(),
        stop.status().wireName(),
        stop.wireName(),
        stop.carriesFinalAction() ? decision.policy().finalAction().wireName() : null,
        retry.retryNumber(),
        retry.retriesRemaining(),
        retry.deadline(),
        retry.reason().wireName(),
        decision.modelVersion(),
        plan.policyName(),
        applied,
        now);
    return new PlanEvents.State(stop.status().wireName(), null);
  }

  private Optional<Stored> noOutcome(
      CallResult result, ChargeResult.NoOutcome none, PaymentPlan plan, Instant now) {
    DueRetry retry = result.retry();
    if (!result.owner().equals(plan.leaseOwner())) {
      // Another instance has the retry now, and calls with the same key.
      return Optional.empty();
    }
    String error = now + ": retry " + retry.retryNumber() + ": " + none.problem();
    if (!plan.isScheduled()) {
      attempts.forgetCall(retry.invoiceId(), retry.attemptNumber());
      plans.release(plan.id(), result.owner());
      return Optional.empty();
    }
    if (now.isAfter(plan.deadline().plus(GATEWAY_PATIENCE))) {
      attempts.forgetCall(retry.invoiceId(), retry.attemptNumber());
      plans.unreachable(
          plan.id(), PlanDecisions.appliedPolicy(plan).finalAction().wireName(), error, now);
      eventsOut.ended(plan.id());
      LOG.warn("Gave up calling the gateway for the plan of {}: {}", retry.invoiceId(), error);
      return Optional.of(
          new Stored(
              PlanChanged.Change.NO_OUTCOME,
              true,
              new PlanEvents.State(PlanStatus.EXHAUSTED.wireName(), null)));
    }
    Duration wait =
        clock.clockTime(CallBackoff.after(plan.gatewayFailures() + 1, ThreadLocalRandom.current()));
    plans.callAgainLater(plan.id(), now.plus(wait), error, now);
    return Optional.of(
        new Stored(
            PlanChanged.Change.NO_OUTCOME,
            false,
            new PlanEvents.State(PlanStatus.SCHEDULED.wireName(), now.plus(wait))));
  }

  private String policyJson(PolicyJson policy) {
    try {
      return json.writeValueAsString(policy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
