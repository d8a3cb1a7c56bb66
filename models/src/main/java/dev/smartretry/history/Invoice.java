package dev.smartretry.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed invoice and every attempt to collect it, oldest first. Built by {@link HistoryReader}
 * only after all the format's rules hold, so downstream code can rely on: attempt numbers run 1, 2,
 * ... without gaps, times strictly increase, the first attempt failed, and nothing follows a
 * success.
 *
 * @param customerTenureDays days since the customer's first successful payment, at the first
 *     failure; empty when unknown
 */
public record Invoice(
    String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    BillingInterval billingInterval,
    ZoneId timezone,
    OptionalInt customerTenureDays,
    Card card,
    List<Attempt> attempts) {
  public Invoice {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(billingInterval, "billingInterval");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(customerTenureDays, "customerTenureDays");
    Objects.requireNonNull(card, "card");
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("an invoice has at least its original charge");
    }
    if (amountMinor <= 0) {
      throw new IllegalArgumentException("amountMinor must be positive: " + amountMinor);
    }
  }

  /** When the original charge failed: the start of every retry window. */
  public Instant firstFailureAt() {
    return attempts.get(0).attemptedAt();
  }

  public boolean recovered() {
    return attempts.get(attempts.size() - 1).succeeded();
  }

  /** Retries only: every attempt after the original charge. */
  public List<Attempt> retries() {
    return attempts.subList(1, attempts.size());
  }
}
