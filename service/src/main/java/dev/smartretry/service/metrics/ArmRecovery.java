package dev.smartretry.service.metrics;

import io.micronaut.core.annotation.Nullable;

/**
 * One arm of the live control group in the uplift (docs/http-api.md, section 4): its final
 * invoices, how many were recovered, the recovery rate and its 95 % Wilson interval. An arm without
 * final invoices has neither rate nor interval (null in the JSON), not NaN.
 */
public record ArmRecovery(
    long invoices, long recovered, @Nullable Double recoveryRate, @Nullable RateInterval ci95) {

  /** The arm of {@code recovered} of {@code invoices} final invoices. */
  public static ArmRecovery of(long recovered, long invoices) {
    Counts.check(recovered, invoices);
    return new ArmRecovery(
        invoices,
        recovered,
        invoices == 0 ? null : (double) recovered / invoices,
        WilsonScoreInterval.of(recovered, invoices).orElse(null));
  }
}
