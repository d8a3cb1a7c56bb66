package dev.smartretry.service.events;

import io.micronaut.core.annotation.Nullable;

/**
 * A try of a delivery was stored, with its consequence: published to the context's listeners
 * (metrics, tests waiting for a try) once committed.
 *
 * @param delivery the delivery's id, {@code whd_...}
 * @param status where the delivery stands now: {@code delivered}, {@code pending} (tried again
 *     later) or {@code failed}
 * @param statusCode the endpoint's answer; null when it gave none
 */
public record DeliveryTried(
    String delivery,
    String eventId,
    String endpointId,
    String status,
    @Nullable Integer statusCode) {}
