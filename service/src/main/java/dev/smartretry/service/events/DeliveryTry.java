package dev.smartretry.service.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A row of {@code webhook_delivery_tries}: one call to the endpoint.
 *
 * @param number the try's number, from 1
 * @param statusCode the endpoint's answer; null when it gave none
 * @param error why the try failed; null when it succeeded
 */
@Introspected
record DeliveryTry(
    long deliveryId,
    int number,
    Instant attemptedAt,
    @Nullable Integer statusCode,
    @Nullable String error,
    int durationMillis) {}
