package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * A row of {@code attempts}: one payment attempt on an invoice, in the columns of
 * docs/attempts-dataset.md (migration V7 says what the others mean).
 *
 * @param firstFailedAt when the invoice's original charge failed: its cohort in the metrics
 * @param outcome {@code succeeded} or {@code failed}; null while the gateway call is under way
 * @param selectionProbability for a scheduler's retry, the probability its time was chosen with
 *     (migration V12); null for registered and reported attempts
 */
@MappedEntity("attempts")
record StoredAttempt(
    @Id @GeneratedValue @Nullable Long id,
    String invoiceId,
    int attemptNumber,
    String customerId,
    Instant attemptedAt,
    Instant firstFailedAt,
    long amountMinor,
    String currency,
    String billingInterval,
    String timezone,
    @Nullable Integer customerTenureDays,
    String cardBrand,
    String cardFunding,
    String cardCountry,
    @Nullable String issuerId,
    @MappedProperty("devices_24h") @Nullable Integer devices24h,
    @Nullable String outcome,
    @Nullable String declineCode,
    @Nullable String networkAdviceCode,
    String source,
    @Nullable Instant scheduledFor,
    @Nullable Double predictedProbability,
    @Nullable Double selectionProbability,
    @Nullable String modelVersion,
    Instant recordedAt) {

  boolean inFlight() {
    return outcome == null;
  }
}
