package dev.smartretry.service.plans;

import dev.smartretry.service.gateway.ChargeCall;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;

/**
 * A retry this instance claimed: what the call needs, and what its outcome is stored against; read
 * straight from the claiming query.
 *
 * @param dueAt when the call was due (the decision's time, or later after calls without outcome)
 * @param scheduledFor the time the decision chose
 */
@Introspected
record DueRetry(
    long planId,
    String invoiceId,
    int retryNumber,
    long amountMinor,
    String currency,
    Instant scheduledFor,
    Instant dueAt) {
  /** The retry's attempt number: retry 1 is attempt 2, after the original charge. */
  int attemptNumber() {
    return retryNumber + 1;
  }

  ChargeCall call(Instant attemptedAt) {
    return new ChargeCall(invoiceId, retryNumber, amountMinor, currency, scheduledFor, attemptedAt);
  }
}
