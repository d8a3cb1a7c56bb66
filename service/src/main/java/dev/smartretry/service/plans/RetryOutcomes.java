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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what a call to the gateway came back with, in one transaction with its consequence: an
 * outcome is stored as the attempt and the plan is decided again at the outcome's time; a call
 * without outcome is made again later with the same key, until 24 hours past the deadline.
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
  private final JsonMapper json;
  private final ServiceClock clock;

  RetryOutcomes(
      PaymentPlans plans,
      Attempts attempts,
      RetryDecider decider,
      TransactionOperations<Connection> transactions,
      PlanEvents events,
      JsonMapper json,
      ServiceClock clock) {
    this.plans = plans;
    this.attempts = attempts;
    this.decider = decider;
    this.transactions = transactions;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Stores the result of the call {@code owner} made for {@code retry} at {@code attemptedAt}.
   * Nothing is stored twice: if another instance took the retry over and stored its outcome first,
   * this one is dropped (the gateway gave both the same, by the idempotency key).
   */
  void store(DueRetry retry, Instant attemptedAt, ChargeResult result, String owner) {
    Optional<Stored> stored =
        transactions.executeWrite(
            status ->
                result instanceof ChargeResult.Charged charged
                    ? charged(retry, attemptedAt, charged, owner)
                    : noOutcome(retry, (ChargeResult.NoOutcome) result, owner));
    stored.ifPresent(
        change ->
            events.changed(
                retry.invoiceId(),
                retry.amountMinor(),
                retry.currency(),
                change.kind(),
                change.finished(),
                change.after(),
                result instanceof ChargeResult.Charged charged
                    ? charged.outcome().wireName()
                    : null));
  }

  /**
   * What a stored result did to the plan.
   *
   * @param after where the change left it
   */
  private record Stored(PlanChanged.Change kind, boolean finished, PlanEvents.State after) {}

  /**
   * Stores an outcome. The plan is locked first, then its attempt, in the order every transaction
   * on them keeps (a claim too), so that a late outcome and a retry taken over cannot deadlock. A
   * success needs only the plan's status; a failure needs the whole plan to decide again.
   */
  private Optional<Stored> charged(
      DueRetry retry, Instant attemptedAt, ChargeResult.Charged charged, String owner) {
    boolean succeeded = charged.outcome() == Outcome.SUCCEEDED;
    Optional<PaymentPlan> failing = succeeded ? Optional.empty() : plans.lockById(retry.planId());
    String status =
        succeeded ? plans.lockStatus(retry.planId()).orElseThrow() : failing.orElseThrow().status();
    Instant now = clock.instant();
    int stored =
        attempts.recordOutcome(
            retry.invoiceId(),
            retry.attemptNumber(),
            charged.outcome().wireName(),
            charged.declineCode() == null ? null : charged.declineCode().wireName(),
            charged.devices24h().isPresent() ? charged.devices24h().getAsInt() : null,
            charged.networkAdviceCode(),
            attemptedAt,
            now);
    if (stored == 0) {
      plans.release(retry.planId(), owner);
      return Optional.empty();
    }
    if (!PlanStatus.SCHEDULED.wireName().equals(status)) {
      // Resolved while the call was under way: the outcome counts, but cannot reopen the plan.
      plans.release(retry.planId(), owner);
      return Optional.of(
          new Stored(PlanChanged.Change.RETRIED, false, new PlanEvents.State(status, null)));
    }
    PlanEvents.State after;
    if (succeeded) {
      plans.recovered(retry.planId(), attemptedAt, now);
      after = new PlanEvents.State(PlanStatus.RECOVERED.wireName(), null);
    } else {
      after = decideAgain(failing.get(), now);
    }
    return Optional.of(new Stored(PlanChanged.Change.RETRIED, after.isFinal(), after));
  }

  /** Decides a plan again after a failed retry, and writes the decision into it. */
  private PlanEvents.State decideAgain(PaymentPlan plan, Instant now) {
    DecisionInput input =
        PlanDecisions.input(
            plan, attempts.findByInvoiceIdOrderByAttemptNumber(plan.invoiceId()), now);
    Decision decision;
    try {
      decision = decider.decide(input);
    } catch (UnknownPolicyException deleted) {
      // Its stored policy was deleted by hand (the API refuses to while plans use it): the plan
      // goes on with the policy as it was last applied.
      LOG.warn(
          "The policy {} of the plan of {} is gone; it goes on with the policy as last applied",
          plan.policyName(),
          plan.invoiceId());
      decision =
          decider.decide(input.withPolicy(PolicyChoice.inline(PlanDecisions.appliedPolicy(plan))));
    }
    RetryDecision retry = decision.retry();
    String applied = policyJson(decision);
    if (retry.isRetry()) {
      plans.reschedule(
          plan.id(),
          retry.retryNumber(),
          retry.retriesRemaining(),
          retry.deadline(),
          retry.successProbability().isPresent() ? retry.successProbability().getAsDouble() : null,
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

  private Optional<Stored> noOutcome(DueRetry retry, ChargeResult.NoOutcome result, String owner) {
    PaymentPlan plan = plans.lockById(retry.planId()).orElseThrow();
    if (!owner.equals(plan.leaseOwner())) {
      // Another instance has the retry now, and calls with the same key.
      return Optional.empty();
    }
    Instant now = clock.instant();
    String error = now + ": retry " + retry.retryNumber() + ": " + result.problem();
    if (!plan.isScheduled()) {
      attempts.forgetCall(retry.invoiceId(), retry.attemptNumber());
      plans.release(plan.id(), owner);
      return Optional.empty();
    }
    if (now.isAfter(plan.deadline().plus(GATEWAY_PATIENCE))) {
      attempts.forgetCall(retry.invoiceId(), retry.attemptNumber());
      plans.unreachable(
          plan.id(), PlanDecisions.appliedPolicy(plan).finalAction().wireName(), error, now);
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

  private String policyJson(Decision decision) {
    try {
      return json.writeValueAsString(PolicyJson.of(decision.policy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
