package dev.smartretry.service.plans;

import dev.smartretry.service.events.EventType;
import dev.smartretry.service.events.Outbox;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a plan change makes (docs/http-api.md, section 7), written by the {@link Outbox} in
 * the change's transaction, each with the plan as the change left it. A change that moves the plan
 * on makes one event for where it now stands: a new retry time, recovered, exhausted (with the
 * policy's final action), stopped, resolved, or, under a manual policy, needs attention.
 */
@Singleton
final class PlanEventWriter {
  private final PaymentPlans plans;
  private final Attempts attempts;
  private final Outbox outbox;

  PlanEventWriter(PaymentPlans plans, Attempts attempts, Outbox outbox) {
    this.plans = plans;
    this.attempts = attempts;
    this.outbox = outbox;
  }

  /** A plan was registered: the registration, and its first decision. */
  void registered(long planId) {
    write(planId, EventType.PAYMENT_FAILURE_REGISTERED, null, true);
  }

  /**
   * A retry's outcome was stored.
   *
   * @param attempt the outcome, as {@code data.attempt} shows it
   * @param movedOn whether it moved the plan on; not when the plan was final already (resolved
   *     while the call was under way)
   */
  void attempted(long planId, Map<String, Object> attempt, boolean movedOn) {
    write(planId, EventType.RETRY_ATTEMPTED, attempt, movedOn);
  }

  /** The plan ended without a retry: settled elsewhere, or the gateway never gave an outcome. */
  void ended(long planId) {
    write(planId, null, null, true);
  }

  private void write(
      long planId,
      @Nullable EventType first,
      @Nullable Map<String, Object> attempt,
      boolean withStanding) {
    if (!outbox.wanted()) {
      return;
    }
    PaymentPlan plan =
        plans
            .findById(planId)
            .orElseThrow(() -> new IllegalStateException("no plan " + planId + " to tell of"));
    PlanJson json =
        PlanJson.of(plan, attempts.findByInvoiceIdOrderByAttemptNumber(plan.invoiceId()));
    List<Outbox.Event> events = new ArrayList<>(2);
    if (first != null) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("plan", json);
      if (attempt != null) {
        data.put("attempt", attempt);
      }
      events.add(new Outbox.Event(first, data));
    }
    if (withStanding) {
      EventType standing = standing(plan);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("plan", json);
      if (standing == EventType.INVOICE_RETRIES_EXHAUSTED && plan.finalAction() != null) {
        data.put("final_action", plan.finalAction());
      }
      events.add(new Outbox.Event(standing, data));
    }
    outbox.append(planId, events);
  }

  /** The event that says where a plan stands. */
  private static EventType standing(PaymentPlan plan) {
    PlanStatus status =
        PlanStatus.fromWireName(plan.status())
            .orElseThrow(() -> new IllegalStateException("a plan " + plan.status()));
    return switch (status) {
      case SCHEDULED -> EventType.RETRY_SCHEDULED;
      case RECOVERED -> EventType.INVOICE_RECOVERED;
      case EXHAUSTED -> EventType.INVOICE_RETRIES_EXHAUSTED;
      case STOPPED ->
          StopReason.MANUAL_REVIEW.wireName().equals(plan.stopReason())
              ? EventType.INVOICE_NEEDS_ATTENTION
              : EventType.INVOICE_RETRY_STOPPED;
      case RESOLVED -> EventType.INVOICE_RESOLVED;
    };
  }
}
