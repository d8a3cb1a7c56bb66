package dev.smartretry.service.decision;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A decision request as the billing system sends it (docs/http-api.md, section 1). Every field is
 * nullable here so that {@link DecisionRequestReader} can name every missing or bad field at once.
 *
 * @param policy a stored policy's name, or an inline policy object
 * @param asOf when the decision is made; absent means now
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record DecisionRequest(
    @Nullable String invoiceId,
    @Nullable String customerId,
    @Nullable Long amountMinor,
    @Nullable String currency,
    @Nullable String billingInterval,
    @Nullable String timezone,
    @Nullable Integer customerTenureDays,
    @Nullable Card card,
    @Nullable Signals signals,
    @Nullable List<Attempt> attempts,
    @Nullable JsonNode policy,
    @Nullable String asOf,
    @Nullable Map<String, JsonNode> metadata) {

  /** The card's static signals. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Card(
      @Nullable String brand,
      @Nullable String funding,
      @Nullable String country,
      @Nullable String issuerId) {}

  /** Signals observed around the last attempt. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Signals(@JsonProperty("devices_24h") @Nullable Integer devices24h) {}

  /** A failed attempt so far. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Attempt(
      @Nullable String attemptedAt,
      @Nullable String declineCode,
      @Nullable String networkAdviceCode) {}
}
