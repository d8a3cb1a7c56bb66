package dev.smartretry.service.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The charge endpoint's answer as sent; {@link ChargeGateway} decides whether it is an outcome.
 * Fields it does not know are ignored: a billing system may say more than the spec asks.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record OutcomeJson(
    @Nullable String outcome,
    @Nullable String declineCode,
    @JsonProperty("devices_24h") @Nullable Integer devices24h,
    @Nullable String networkAdviceCode) {}
