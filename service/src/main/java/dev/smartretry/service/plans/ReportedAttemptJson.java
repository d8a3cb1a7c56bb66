package dev.smartretry.service.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A reported attempt as stored (docs/http-api.md, section 2b): the report's fields as the value
 * rules read them (an unknown decline code is {@code other}), with what the service made of the
 * invoice. Null fields are written as null.
 *
 * @param policy the policy the invoice falls under, chosen at its first attempt
 * @param arm the arm of the live control group its customer is in under that policy
 * @param invoiceStatus where the invoice stands after its latest attempt: {@code scheduled} while
 *     the policy allows another retry, {@code recovered}, {@code exhausted} or {@code stopped}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReportedAttemptJson(
    String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    String billingInterval,
    String timezone,
    @Nullable Integer customerTenureDays,
    Card card,
    int attemptNumber,
    Instant attemptedAt,
    String outcome,
    @Nullable String declineCode,
    @JsonProperty("devices_24h") @Nullable Integer devices24h,
    @Nullable String networkAdviceCode,
    String policy,
    String arm,
    String invoiceStatus,
    Instant recordedAt) {

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Card(String brand, String funding, String country, @Nullable String issuerId) {}

  static ReportedAttemptJson of(StoredAttempt attempt, ReportedInvoice invoice) {
    return new ReportedAttemptJson(
        attempt.invoiceId(),
        attempt.customerId(),
        attempt.amountMinor(),
        attempt.currency(),
        attempt.billingInterval(),
        attempt.timezone(),
        attempt.customerTenureDays(),
        new Card(
            attempt.cardBrand(), attempt.cardFunding(), attempt.cardCountry(), attempt.issuerId()),
        attempt.attemptNumber(),
        attempt.attemptedAt(),
        attempt.outcome(),
        attempt.declineCode(),
        attempt.devices24h(),
        attempt.networkAdviceCode(),
        invoice.policyName(),
        invoice.arm(),
        invoice.status(),
        attempt.recordedAt());
  }
}
