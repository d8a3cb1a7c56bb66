package dev.smartretry.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.Card;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v1/payment-failures} (http-api.md section 2: the decision request of
 * section 1 without {@code as_of}) for a world invoice that just failed: what a billing system
 * knows of it, never the world's hidden truth. What the billing system does not know (tenure, the
 * issuer, devices) is left out, as the contract asks, never sent as a made-up value.
 */
public record PaymentFailure(
    String invoiceId,
    String customerId,
    long amountMinor,
    String currency,
    String billingInterval,
    String timezone,
    Integer customerTenureDays,
    CardDetails card,
    Signals signals,
    List<FailedAttempt> attempts,
    String policy) {

  public record CardDetails(String brand, String funding, String country, String issuerId) {}

  public record Signals(@JsonProperty("devices_24h") int devices24h) {}

  public record FailedAttempt(Instant attemptedAt, String declineCode) {}

  /**
   * The failure of {@code invoice} as {@code in_demo_<index>}, the id the demo billing system
   * charges it under.
   *
   * @param policy the policy to retry it under; empty: the service's routing rules choose
   */
  public static PaymentFailure of(WorldInvoice invoice, Optional<String> policy) {
    Card card = invoice.card();
    Attempt original = invoice.originalCharge();
    return new PaymentFailure(
        DemoBillingSystem.invoiceId(invoice.index()),
        invoice.customerId(),
        invoice.amountMinor(),
        invoice.currency(),
        invoice.billingInterval().wireName(),
        invoice.timezone().getId(),
        invoice.customerTenureDays().isPresent() ? invoice.customerTenureDays().getAsInt() : null,
        new CardDetails(
            card.brand().wireName(),
            card.funding().wireName(),
            card.country(),
            card.issuerId().orElse(null)),
        original.devices24h().isPresent() ? new Signals(original.devices24h().getAsInt()) : null,
        List.of(new FailedAttempt(original.attemptedAt(), original.declineCode().wireName())),
        policy.orElse(null));
  }
}
