package dev.smartretry.service.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code POST /v1/webhook-endpoints}: where events go and which.
 *
 * @param events event types, or {@code ["*"]} for all of them
 */
@Serdeable
record EndpointRequest(@Nullable String url, @Nullable List<String> events) {}
