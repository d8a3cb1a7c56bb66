package dev.smartretry.service.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A plan as the API shows it (docs/http-api.md, section 2). Null fields are written as null.
 *
 * @param nextPaymentAttempt when the next retry is due; null on a final plan
 * @param retryNumber the retry the current decision is about; on a final plan, of the last one
 * @param attempts every attempt with an outcome, oldest first, the original charge first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record PlanJson(
    String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String policy,
    String arm,
    @Nullable Instant nextPaymentAttempt,
    int retryNumber,
    int retriesRemaining,
    Instant deadline,
    @Nullable Double successProbability,
    String reason,
    @Nullable String modelVersion,
    List<AttemptJson> attempts,
    @Nullable Instant recoveredAt,
    @Nullable String stopReason,
    @Nullable String finalAction,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt) {

  /** An attempt on the plan's invoice. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AttemptJson(Instant attemptedAt, String outcome, @Nullable String declineCode) {}

  static PlanJson of(PaymentPlan plan, List<StoredAttempt> attempts) {
    return new PlanJson(
        plan.invoiceId(),
        plan.customerId(),
        plan.amountMinor(),
        plan.currency(),
        plan.status(),
        plan.policyName(),
        plan.arm(),
        plan.nextAttemptAt(),
        plan.retryNumber(),
        plan.retriesRemaining(),
        plan.deadline(),
        plan.successProbability(),
        plan.reason(),
        plan.modelVersion(),
        attempts.stream()
            .filter(attempt -> !attempt.inFlight())
            .map(a -> new AttemptJson(a.attemptedAt(), a.outcome(), a.declineCode()))
            .toList(),
        plan.recoveredAt(),
        plan.stopReason(),
        plan.finalAction(),
        plan.lastError(),
        plan.createdAt(),
        plan.updatedAt());
  }
}
