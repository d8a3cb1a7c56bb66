package dev.smartretry.service.plans;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Tells the context's listeners what became of a plan, once the change is committed. */
@Singleton
final class PlanEvents {
  private final ApplicationEventPublisher<PlanChanged> publisher;

  PlanEvents(ApplicationEventPublisher<PlanChanged> publisher) {
    this.publisher = publisher;
  }

  /**
   * Where a change left a plan.
   *
   * @param nextAttemptAt null on a final plan
   */
  record State(String status, @Nullable Instant nextAttemptAt) {
    static State of(PaymentPlan plan) {
      return new State(plan.status(), plan.nextAttemptAt());
    }

    boolean isFinal() {
      return !PlanStatus.SCHEDULED.wireName().equals(status);
    }
  }

  /**
   * @param finished whether the change made the plan final
   * @param after where the change left it
   */
  void changed(
      String invoiceId,
      long amountMinor,
      String currency,
      PlanChanged.Change change,
      boolean finished,
      State after,
      @Nullable String outcome) {
    publisher.publishEvent(
        new PlanChanged(
            invoiceId,
            change,
            after.status(),
            finished,
            after.nextAttemptAt(),
            amountMinor,
            currency,
            outcome));
  }

  /** A change to {@code plan} that left it as it now is. */
  void changed(PaymentPlan plan, PlanChanged.Change change, boolean finished) {
    changed(
        plan.invoiceId(),
        plan.amountMinor(),
        plan.currency(),
        change,
        finished,
        State.of(plan),
        null);
  }
}
