package dev.smartretry.service.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/metrics/uplift} (docs/http-api.md, section 4). Intervals are {@code [lower,
 * upper]}; a rate, an interval or the uplift that cannot be computed (an arm without final
 * invoices) is null.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record UpliftJson(
    Instant from,
    Instant to,
    Arm smart,
    Arm control,
    @Nullable Double uplift,
    @Nullable List<Double> upliftCi95,
    double pValue,
    String status) {

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Arm(
      long invoices,
      long recovered,
      @Nullable Double recoveryRate,
      @Nullable List<Double> ci95,
      Map<String, Long> recoveredAmountMinor) {}
}
