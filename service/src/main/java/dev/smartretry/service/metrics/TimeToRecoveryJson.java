package dev.smartretry.service.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/metrics/time-to-recovery}: how long the cohort's recovered invoices took, from the
 * first failure to the recovery, in buckets of {@code bucket_hours}; empty buckets between the
 * first and the last are listed with 0, so that a chart's axis has no gaps.
 *
 * @param medianHours null when nothing was recovered
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TimeToRecoveryJson(
    Instant from, Instant to, int bucketHours, List<Bucket> buckets, @Nullable Double medianHours) {

  @Serdeable
  record Bucket(int fromHours, int toHours, long recoveredInvoices) {}
}
