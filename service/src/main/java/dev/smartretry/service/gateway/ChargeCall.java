package dev.smartretry.service.gateway;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Objects;

/**
 * One call to the charge endpoint: the body of docs/http-api.md, section 2.
 *
 * @param scheduledFor the time the decision chose for this retry
 * @param attemptedAt the service's clock as it makes the call
 */
@Serdeable
public record ChargeCall(
    String invoiceId,
    int retryNumber,
    long amountMinor,
    String currency,
    Instant scheduledFor,
    Instant attemptedAt) {
  public ChargeCall {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(attemptedAt, "attemptedAt");
  }

  /** The same for every call of this retry, so the billing system charges it at most once. */
  public String idempotencyKey() {
    return invoiceId + ":" + retryNumber;
  }
}
