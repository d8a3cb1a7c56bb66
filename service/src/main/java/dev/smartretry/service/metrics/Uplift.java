package dev.smartretry.service.metrics;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * The smart arm against the control arm on invoices whose plan is final (docs/http-api.md, section
 * 4, {@code GET /v1/metrics/uplift}): each arm's rate and Wilson interval, the uplift (smart rate
 * minus control rate) with Newcombe's interval, the two-proportion z-test's p-value and the status.
 *
 * @param uplift null, as is its interval, while an arm has no final invoices
 */
public record Uplift(
    ArmRecovery smart,
    ArmRecovery control,
    @Nullable Double uplift,
    @Nullable RateInterval upliftCi95,
    double pValue,
    UpliftStatus status) {

  /** Each arm needs this many final invoices before the uplift is judged. */
  public static final long MIN_INVOICES_PER_ARM = 100;

  /** The two-sided significance level, matching the 95 % intervals. */
  public static final double ALPHA = 0.05;

  /**
   * The uplift of {@code smartRecovered} of {@code smartInvoices} over {@code controlRecovered} of
   * {@code controlInvoices}.
   *
   * <p>The status is {@code measuring} until each arm has at least {@value #MIN_INVOICES_PER_ARM}
   * final invoices. Then it is {@code significant} only if the p-value is below {@value #ALPHA}
   * <em>and</em> Newcombe's interval of the uplift excludes 0; else {@code not_significant}. The
   * z-test and the interval are different approximations and disagree near the boundary: at 10 of
   * 100 against 3 of 100 the p-value is 0.045 while the interval runs from -0.0006 to 0.147.
   * Requiring both keeps the answer from calling an uplift significant next to an interval that
   * shows 0 as plausible, at the cost of being a little more conservative than the test alone.
   */
  public static Uplift of(
      long smartRecovered, long smartInvoices, long controlRecovered, long controlInvoices) {
    ArmRecovery smart = ArmRecovery.of(smartRecovered, smartInvoices);
    ArmRecovery control = ArmRecovery.of(controlRecovered, controlInvoices);
    Double uplift =
        smart.recoveryRate() == null || control.recoveryRate() == null
            ? null
            : smart.recoveryRate() - control.recoveryRate();
    Optional<RateInterval> interval =
        NewcombeDifferenceInterval.of(
            smartRecovered, smartInvoices, controlRecovered, controlInvoices);
    double pValue =
        TwoProportionZTest.pValue(smartRecovered, smartInvoices, controlRecovered, controlInvoices);
    return new Uplift(
        smart,
        control,
        uplift,
        interval.orElse(null),
        pValue,
        status(smartInvoices, controlInvoices, pValue, interval));
  }

  private static UpliftStatus status(
      long smartInvoices, long controlInvoices, double pValue, Optional<RateInterval> interval) {
    if (smartInvoices < MIN_INVOICES_PER_ARM || controlInvoices < MIN_INVOICES_PER_ARM) {
      return UpliftStatus.MEASURING;
    }
    boolean significant = pValue < ALPHA && interval.orElseThrow().excludes(0);
    return significant ? UpliftStatus.SIGNIFICANT : UpliftStatus.NOT_SIGNIFICANT;
  }
}
