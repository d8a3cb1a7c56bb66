package dev.smartretry.service.plans;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.smartretry.service.decision.DecisionRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * One attempt of a billing system that runs its own retries, as it reports it (docs/http-api.md,
 * section 2b). Every field is nullable here so that one answer can name every missing or bad field.
 *
 * @param attemptNumber 1 for the original charge, which failed; 2 for the first retry, and so on
 * @param outcome {@code succeeded} or {@code failed}
 * @param declineCode required exactly when the attempt failed
 * @param policy as in a decision request: a stored policy's name, an inline policy, or absent for
 *     the one the routing rules choose
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
record AttemptReport(
    @Nullable String invoiceId,
    @Nullable String customerId,
    @Nullable Long amountMinor,
    @Nullable String currency,
    @Nullable String billingInterval,
    @Nullable String timezone,
    @Nullable Integer customerTenureDays,
    DecisionRequest.@Nullable Card card,
    @Nullable Integer attemptNumber,
    @Nullable String attemptedAt,
    @Nullable String outcome,
    @Nullable String declineCode,
    @JsonProperty("devices_24h") @Nullable Integer devices24h,
    @Nullable String networkAdviceCode,
    @Nullable JsonNode policy,
    @Nullable Map<String, JsonNode> metadata) {}
