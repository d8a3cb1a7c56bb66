package dev.smartretry.service.plans;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code {"resolution": "paid_elsewhere"}} or {@code "voided"}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
record ResolveRequest(@Nullable String resolution) {}
