package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A failed attempt as a decision reads it: only what the planner needs, read straight from the
 * {@code attempts} table.
 */
@Introspected
record KnownAttempt(
    String invoiceId,
    Instant attemptedAt,
    String declineCode,
    @Nullable String networkAdviceCode,
    @Nullable Integer devices24h) {}
