package dev.smartretry.service.models;

import io.micronaut.core.annotation.Nullable;

/**
 * This instance now serves another model: published to the context's listeners after the switch, at
 * start, on an activation here, or on following one made elsewhere.
 *
 * @param version the version now served; null when decisions follow their fixed schedules
 */
public record ModelServed(@Nullable String version) {}
