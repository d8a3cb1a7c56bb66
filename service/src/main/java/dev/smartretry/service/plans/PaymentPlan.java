package dev.smartretry.service.plans;

import dev.smartretry.service.policy.PolicyJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/**
 * A row of {@code payment_plans} (migration V7, which says what each column means): one registered
 * failed invoice, its current decision and where its execution stands. Immutable; state changes are
 * the explicit updates of {@link PaymentPlans}.
 */
@MappedEntity("payment_plans")
record PaymentPlan(
    @Id @GeneratedValue @Nullable Long id,
    String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    String billingInterval,
    String timezone,
    @Nullable Integer customerTenureDays,
    String cardBrand,
    String cardFunding,
    String cardCountry,
    @Nullable String issuerId,
    @TypeDef(type = DataType.JSON) Map<String, String> metadata,
    String policyName,
    boolean policyInline,
    @TypeDef(type = DataType.JSON) PolicyJson appliedPolicy,
    String arm,
    int registeredAttempts,
    Instant firstFailedAt,
    String firstDeclineCode,
    String status,
    int retryNumber,
    int retriesRemaining,
    Instant deadline,
    @Nullable Double successProbability,
    @Nullable Double selectionProbability,
    String reason,
    @Nullable String modelVersion,
    @Nullable Instant scheduledFor,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant recoveredAt,
    @Nullable String stopReason,
    @Nullable String finalAction,
    @Nullable String lastError,
    int gatewayFailures,
    @Nullable String leaseOwner,
    @Nullable Instant leaseExpiresAt,
    Instant createdAt,
    Instant updatedAt) {

  boolean isScheduled() {
    return PlanStatus.SCHEDULED.wireName().equals(status);
  }
}
