package dev.smartretry.service.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A delivery with the event it delivers, for the delivery log. */
@Introspected
record DeliveryRow(
    long id,
    String eventId,
    String eventType,
    String invoiceId,
    int sequence,
    String endpointId,
    String status,
    int tries,
    @Nullable Instant nextAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt) {}
