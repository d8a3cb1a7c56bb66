package dev.smartretry.service.routing;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.Invoice;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.Objects;

/**
 * What routing rules look at in an invoice.
 *
 * @param amountMinor the amount in the currency's minor unit
 * @param currency ISO 4217 code; compared without regard to case
 * @param cardCountry ISO 3166-1 alpha-2 issuing country; compared without regard to case
 * @param metadata the billing system's labels, e.g. {@code plan=pro}
 */
public record InvoiceFacts(
    BillingInterval billingInterval,
    long amountMinor,
    String currency,
    CardBrand cardBrand,
    CardFunding cardFunding,
    String cardCountry,
    Map<String, String> metadata) {
  public InvoiceFacts {
    Objects.requireNonNull(billingInterval, "billingInterval");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(cardBrand, "cardBrand");
    Objects.requireNonNull(cardFunding, "cardFunding");
    Objects.requireNonNull(cardCountry, "cardCountry");
    metadata = Map.copyOf(metadata);
  }

  /** The facts of {@code invoice}, which has no metadata of its own. */
  public static InvoiceFacts of(Invoice invoice, @Nullable Map<String, String> metadata) {
    return new InvoiceFacts(
        invoice.billingInterval(),
        invoice.amountMinor(),
        invoice.currency(),
        invoice.card().brand(),
        invoice.card().funding(),
        invoice.card().country(),
        metadata == null ? Map.of() : metadata);
  }
}
