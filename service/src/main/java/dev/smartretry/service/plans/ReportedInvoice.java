package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code reported_invoices} (migration V10 says what each column means): where an invoice
 * whose retries the billing system runs itself stands after its last reported attempt.
 *
 * @param status {@code scheduled} while the policy allows another retry, then {@code recovered},
 *     {@code exhausted} or {@code stopped}
 */
@MappedEntity("reported_invoices")
record ReportedInvoice(
    @Id String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    String timezone,
    String cardBrand,
    String cardFunding,
    String cardCountry,
    Instant firstFailedAt,
    String firstDeclineCode,
    int retriesExecuted,
    String policyName,
    String arm,
    String status,
    @Nullable String stopReason,
    Instant deadline,
    @Nullable Instant recoveredAt,
    Instant createdAt,
    Instant updatedAt) {

  /** The same invoice after a later attempt: only where it stands changes. */
  ReportedInvoice after(
      int retries,
      String newStatus,
      @Nullable String newStopReason,
      Instant newDeadline,
      @Nullable Instant newRecoveredAt,
      Instant now) {
    return new ReportedInvoice(
        invoiceId,
        customerId,
        amountMinor,
        currency,
        timezone,
        cardBrand,
        cardFunding,
        cardCountry,
        firstFailedAt,
        firstDeclineCode,
        retries,
        policyName,
        arm,
        newStatus,
        newStopReason,
        newDeadline,
        newRecoveredAt,
        createdAt,
        now);
  }
}
