package dev.smartretry.service.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the API shows it (docs/http-api.md, section 7).
 *
 * @param secret the signing secret, {@code whsec_...}: only in the answers that make one (adding
 *     the endpoint, rotating its secret), never again
 * @param previousSecretExpiresAt after a rotation, until when the replaced secret signs too
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record EndpointJson(
    String id,
    String url,
    List<String> events,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret,
    String status,
    @Nullable String disabledReason,
    @Nullable Instant previousSecretExpiresAt,
    Instant createdAt) {
  static EndpointJson of(WebhookEndpoint endpoint, @Nullable String secret) {
    return new EndpointJson(
        endpoint.id(),
        endpoint.url(),
        endpoint.events(),
        secret,
        endpoint.status(),
        endpoint.disabledReason(),
        endpoint.previousSecretExpiresAt(),
        endpoint.createdAt());
  }
}
