package dev.smartretry.service.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/metrics/calibration}: the live model against what happened, over the scheduler's
 * retries executed in the window, binned by the probability the model gave the chosen time. A
 * calibrated model's bins lie on the diagonal; a rising log loss says it is time to retrain. Bins
 * without retries are left out.
 *
 * @param logLoss the mean log loss of those retries; null when there were none
 * @param weeks the same, week by week of the attempts (UTC, keyed by the Monday), oldest first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record CalibrationJson(
    Instant from,
    Instant to,
    long retries,
    @Nullable Double logLoss,
    List<Bin> bins,
    List<Week> weeks) {

  /** One week's retries: the drift of calibration over time. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Week(String week, long retries, @Nullable Double logLoss, List<Bin> bins) {}

  /** Retries whose predicted probability was in {@code [from, to)} ({@code to} 1 included). */
  @Serdeable
  record Bin(double from, double to, long retries, double meanPredicted, double observedRate) {}
}
