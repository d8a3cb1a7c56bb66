package dev.smartretry.service.routing;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * The conditions of a routing rule, all of which must hold; an absent one holds for every invoice.
 *
 * @param amountMin the least amount, inclusive, in minor units
 * @param amountMax the greatest amount, inclusive, in minor units
 * @param metadata entries the invoice's metadata must all have, with equal values
 */
record RuleConditions(
    @Nullable BillingInterval billingInterval,
    @Nullable Long amountMin,
    @Nullable Long amountMax,
    @Nullable String currency,
    @Nullable CardBrand cardBrand,
    @Nullable CardFunding cardFunding,
    @Nullable String cardCountry,
    Map<String, String> metadata) {
  static final RuleConditions NONE =
      new RuleConditions(null, null, null, null, null, null, null, Map.of());

  RuleConditions {
    metadata = Map.copyOf(metadata);
  }

  boolean holdFor(InvoiceFacts invoice) {
    return (billingInterval == null || billingInterval == invoice.billingInterval())
        && (amountMin == null || invoice.amountMinor() >= amountMin)
        && (amountMax == null || invoice.amountMinor() <= amountMax)
        // Billing systems differ on the case of codes: Stripe writes eur, the spec EUR.
        && (currency == null || currency.equalsIgnoreCase(invoice.currency()))
        && (cardBrand == null || cardBrand == invoice.cardBrand())
        && (cardFunding == null || cardFunding == invoice.cardFunding())
        && (cardCountry == null || cardCountry.equalsIgnoreCase(invoice.cardCountry()))
        && metadata.entrySet().stream()
            .allMatch(entry -> entry.getValue().equals(invoice.metadata().get(entry.getKey())));
  }
}
