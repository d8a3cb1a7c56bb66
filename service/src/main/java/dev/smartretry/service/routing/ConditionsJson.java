package dev.smartretry.service.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** A rule's {@code when} as the API reads and writes it; absent conditions are left out. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
record ConditionsJson(
    @Nullable String billingInterval,
    @Nullable Long amountMin,
    @Nullable Long amountMax,
    @Nullable String currency,
    @Nullable String cardBrand,
    @Nullable String cardFunding,
    @Nullable String cardCountry,
    @Nullable Map<String, String> metadata) {
  static ConditionsJson of(RuleConditions conditions) {
    return new ConditionsJson(
        conditions.billingInterval() == null ? null : conditions.billingInterval().wireName(),
        conditions.amountMin(),
        conditions.amountMax(),
        conditions.currency(),
        conditions.cardBrand() == null ? null : conditions.cardBrand().wireName(),
        conditions.cardFunding() == null ? null : conditions.cardFunding().wireName(),
        conditions.cardCountry(),
        conditions.metadata());
  }
}
