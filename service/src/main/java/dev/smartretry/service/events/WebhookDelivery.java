package dev.smartretry.service.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code webhook_deliveries} (migration V9): one event on its way to one endpoint.
 * Immutable; changes are the explicit updates of {@link WebhookDeliveries}.
 */
@MappedEntity("webhook_deliveries")
record WebhookDelivery(
    @Id @GeneratedValue @Nullable Long id,
    String eventId,
    String endpointId,
    String status,
    int tries,
    @Nullable Instant nextAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    @Nullable String leaseOwner,
    @Nullable Instant leaseExpiresAt,
    Instant createdAt,
    Instant updatedAt) {
  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String FAILED = "failed";
}
