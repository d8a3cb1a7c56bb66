package dev.smartretry.history;

import java.util.Objects;
import java.util.Optional;

/**
 * The payment method's static signals.
 *
 * @param brand card network
 * @param funding credit, debit, prepaid or unknown
 * @param country ISO 3166-1 alpha-2 issuing country, upper case
 * @param issuerId opaque issuer id; empty when the billing system does not know it
 */
public record Card(
    CardBrand brand, CardFunding funding, String country, Optional<String> issuerId) {
  public Card {
    Objects.requireNonNull(brand, "brand");
    Objects.requireNonNull(funding, "funding");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(issuerId, "issuerId");
  }
}
