package dev.smartretry.service.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A delivery this instance claimed, with what its try needs: the event's body and the endpoint's
 * URL and sealed secrets; read straight from the claiming query.
 *
 * @param tries the tries made before this one
 */
@Introspected
record DueDelivery(
    long deliveryId,
    String eventId,
    String endpointId,
    int tries,
    String url,
    String body,
    String secretSealed,
    @Nullable String previousSecretSealed,
    @Nullable Instant previousSecretExpiresAt) {}
