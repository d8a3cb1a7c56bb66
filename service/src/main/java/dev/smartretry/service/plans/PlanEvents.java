package dev.smartretry.service.plans;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Tells the context's listeners what became of a plan, once the change is committed. */
@Singleton
final class PlanEvents {
  private final ApplicationEventPublisher<PlanChanged> publisher;

  PlanEvents(ApplicationEventPublisher<PlanChanged> publisher) {
    this.publisher = publisher;
  }

  /**
   * @param plan the plan as the change left it
   * @param finished whether the change made it final
   */
  void changed(
      PaymentPlan plan, PlanChanged.Change change, boolean finished, @Nullable String outcome) {
    publisher.publishEvent(
        new PlanChanged(
            plan.invoiceId(),
            change,
            plan.status(),
            finished,
            plan.nextAttemptAt(),
            plan.amountMinor(),
            plan.currency(),
            outcome));
  }
}
