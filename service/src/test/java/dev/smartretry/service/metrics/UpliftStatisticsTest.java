package dev.smartretry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The uplift's statistics against published worked examples and independently computed values.
 *
 * <p>Published values are given to four decimals, so they are checked to half a unit in the fourth:
 * {@link #PUBLISHED}.
 */
class UpliftStatisticsTest {
  private static final Offset<Double> PUBLISHED = within(0.00005);
  // p-values computed elsewhere to many digits; the normal CDF of Commons Math agrees to ~1e-15.
  private static final Offset<Double> COMPUTED = within(1e-9);

  private static RateInterval wilson(long successes, long trials) {
    return WilsonScoreInterval.of(successes, trials).orElseThrow();
  }

  private static RateInterval newcombe(long s1, long n1, long s2, long n2) {
    return NewcombeDifferenceInterval.of(s1, n1, s2, n2).orElseThrow();
  }

  /**
   * Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
   * methods", Statistics in Medicine 17:857-872, method 3 (score without continuity correction):
   * 81/263 gives 0.2553 to 0.3662 and 15/148 gives 0.0624 to 0.1605. The values as reproduced in
   * the test suite of the R package propint (github.com/m-Py/propint,
   * tests/testthat/test_Single_Proportion_CI.R, "the results reported in Newcombe1998").
   */
  @Test
  void wilsonIntervalsMatchNewcombesSingleProportionExamples() {
    assertThat(wilson(81, 263).lower()).isCloseTo(0.2553, PUBLISHED);
    assertThat(wilson(81, 263).upper()).isCloseTo(0.3662, PUBLISHED);
    assertThat(wilson(15, 148).lower()).isCloseTo(0.0624, PUBLISHED);
    assertThat(wilson(15, 148).upper()).isCloseTo(0.1605, PUBLISHED);
  }

  /** At 0 of n the interval is [0, z²/(n + z²)] in closed form: 0.1611 for n = 20. */
  @Test
  void wilsonIntervalsAtTheEdgesStayWithinZeroAndOne() {
    double zz = 1.959963984540054 * 1.959963984540054;
    assertThat(wilson(0, 20).lower()).isEqualTo(0.0);
    assertThat(wilson(0, 20).upper()).isCloseTo(zz / (20 + zz), within(1e-12));
    assertThat(wilson(20, 20).lower()).isCloseTo(20 / (20 + zz), within(1e-12));
    assertThat(wilson(20, 20).upper()).isEqualTo(1.0);
  }

  @Test
  void noTrialsHaveNoIntervalRatherThanNaN() {
    assertThat(WilsonScoreInterval.of(0, 0)).isEmpty();
    assertThat(NewcombeDifferenceInterval.of(5, 10, 0, 0)).isEmpty();
    assertThat(NewcombeDifferenceInterval.of(0, 0, 5, 10)).isEmpty();
  }

  @Test
  void impossibleCountsAreRefused() {
    assertThatThrownBy(() -> WilsonScoreInterval.of(11, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TwoProportionZTest.pValue(-1, 10, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Uplift.of(1, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Newcombe (1998), "Interval estimation for the difference between independent proportions:
   * comparison of eleven methods", Statistics in Medicine 17:873-890, Table II, method 10: 56/70 -
   * 48/80 (difference 0.2000) gives 0.0524 to 0.3339, and 9/10 - 3/10 (difference 0.6000) gives
   * 0.1705 to 0.8090. The values as reproduced in the test suite of the R package propint
   * (github.com/m-Py/propint, tests/testthat/test_Two_Independent_Props_CI.R, "the results reported
   * in Newcombe1998"), and reproduced independently with scipy before this test was written.
   */
  @Test
  void newcombeIntervalsMatchNewcombesDifferenceExamples() {
    assertThat(newcombe(56, 70, 48, 80).lower()).isCloseTo(0.0524, PUBLISHED);
    assertThat(newcombe(56, 70, 48, 80).upper()).isCloseTo(0.3339, PUBLISHED);
    assertThat(newcombe(9, 10, 3, 10).lower()).isCloseTo(0.1705, PUBLISHED);
    assertThat(newcombe(9, 10, 3, 10).upper()).isCloseTo(0.8090, PUBLISHED);
  }

  @Test
  void swappingTheArmsMirrorsTheNewcombeInterval() {
    RateInterval forward = newcombe(56, 70, 48, 80);
    RateInterval backward = newcombe(48, 80, 56, 70);
    assertThat(backward.lower()).isCloseTo(-forward.upper(), within(1e-12));
    assertThat(backward.upper()).isCloseTo(-forward.lower(), within(1e-12));
  }

  /**
   * Pearson's chi-square of the 2x2 table without continuity correction is z squared, so these are
   * the p-values of R's {@code prop.test(c(s1, s2), c(n1, n2), correct = FALSE)}; they were
   * computed with scipy.stats.chi2_contingency(table, correction=False), which is the same test:
   * 56/70 vs 48/80 has chi-square 7.023411, p = 0.008045081; 120/200 vs 100/200 has chi-square
   * 400/99, p = 0.044423185.
   */
  @Test
  void zTestPValuesMatchTheChiSquareTest() {
    assertThat(TwoProportionZTest.pValue(56, 70, 48, 80)).isCloseTo(0.008045081368, COMPUTED);
    assertThat(TwoProportionZTest.pValue(48, 80, 56, 70)).isCloseTo(0.008045081368, COMPUTED);
    assertThat(TwoProportionZTest.pValue(120, 200, 100, 200)).isCloseTo(0.044423184850, COMPUTED);
  }

  /** Where the test has nothing to go on it shows no evidence, p = 1, never NaN. */
  @Test
  void zTestWithoutEvidenceHasPValueOne() {
    // No successes at all, and no failures at all: the pooled proportion is 0 or 1.
    assertThat(TwoProportionZTest.pValue(0, 50, 0, 70)).isEqualTo(1.0);
    assertThat(TwoProportionZTest.pValue(50, 50, 70, 70)).isEqualTo(1.0);
    // An arm without trials.
    assertThat(TwoProportionZTest.pValue(0, 0, 3, 10)).isEqualTo(1.0);
    assertThat(TwoProportionZTest.pValue(0, 0, 0, 0)).isEqualTo(1.0);
    // Equal proportions: z = 0.
    assertThat(TwoProportionZTest.pValue(30, 100, 30, 100)).isEqualTo(1.0);
  }

  /**
   * The example of docs/http-api.md, section 4. The spec shows its figures rounded to three
   * decimals, and its p_value 0.019 is not what its counts give: the pooled z-test gives 0.017907
   * (chi-square 5.605213 with scipy as above), and with continuity correction it would be 0.0205.
   */
  @Test
  void theSpecsExample() {
    Uplift uplift = Uplift.of(2201, 4120, 215, 452);

    assertThat(uplift.smart().invoices()).isEqualTo(4120);
    assertThat(uplift.smart().recovered()).isEqualTo(2201);
    assertThat(uplift.smart().recoveryRate()).isCloseTo(0.5342, PUBLISHED);
    assertThat(uplift.smart().ci95().lower()).isCloseTo(0.519, within(0.0005));
    assertThat(uplift.smart().ci95().upper()).isCloseTo(0.549, within(0.0005));
    assertThat(uplift.control().recoveryRate()).isCloseTo(0.4757, PUBLISHED);
    assertThat(uplift.control().ci95().lower()).isCloseTo(0.430, within(0.0005));
    assertThat(uplift.control().ci95().upper()).isCloseTo(0.522, within(0.0005));
    assertThat(uplift.uplift()).isCloseTo(0.0585, within(0.0001));
    assertThat(uplift.upliftCi95().lower()).isCloseTo(0.010, within(0.0005));
    assertThat(uplift.upliftCi95().upper()).isCloseTo(0.106, within(0.001));
    assertThat(uplift.pValue()).isCloseTo(0.017907113516, COMPUTED);
    assertThat(uplift.status()).isEqualTo(UpliftStatus.SIGNIFICANT);
    assertThat(uplift.status().wireName()).isEqualTo("significant");
  }

  @Test
  void measuringUntilEachArmHasAHundredFinalInvoices() {
    // A difference no test would doubt, but the control arm has 99 final invoices.
    Uplift early = Uplift.of(80, 100, 20, 99);
    assertThat(early.pValue()).isLessThan(1e-10);
    assertThat(early.status()).isEqualTo(UpliftStatus.MEASURING);
    assertThat(Uplift.of(20, 99, 80, 100).status()).isEqualTo(UpliftStatus.MEASURING);

    Uplift judged = Uplift.of(80, 100, 20, 100);
    assertThat(judged.status()).isEqualTo(UpliftStatus.SIGNIFICANT);
    assertThat(Uplift.of(50, 100, 48, 100).status()).isEqualTo(UpliftStatus.NOT_SIGNIFICANT);
    assertThat(UpliftStatus.NOT_SIGNIFICANT.wireName()).isEqualTo("not_significant");
  }

  /**
   * 10/100 against 3/100: the z-test gives p = 0.044664 (chi-square 4.031263, scipy as above), but
   * Newcombe's interval of the difference, -0.00055 to 0.14694, holds 0. The status asks both.
   */
  @Test
  void significantOnlyWhenTheIntervalAgreesWithTheTest() {
    Uplift uplift = Uplift.of(10, 100, 3, 100);

    assertThat(uplift.pValue()).isCloseTo(0.044664495513, COMPUTED);
    assertThat(uplift.upliftCi95().lower()).isNegative();
    assertThat(uplift.upliftCi95().excludes(0)).isFalse();
    assertThat(uplift.status()).isEqualTo(UpliftStatus.NOT_SIGNIFICANT);
  }

  @Test
  void aNegativeUpliftIsSignificantToo() {
    // The test is two-sided: a control arm that does better is as much a finding.
    Uplift uplift = Uplift.of(20, 100, 80, 100);
    assertThat(uplift.uplift()).isCloseTo(-0.6, within(1e-12));
    assertThat(uplift.upliftCi95().upper()).isNegative();
    assertThat(uplift.status()).isEqualTo(UpliftStatus.SIGNIFICANT);
  }

  @Test
  void anArmWithoutInvoicesHasNoRateIntervalOrUplift() {
    Uplift uplift = Uplift.of(0, 0, 3, 10);

    assertThat(uplift.smart().recoveryRate()).isNull();
    assertThat(uplift.smart().ci95()).isNull();
    assertThat(uplift.control().recoveryRate()).isCloseTo(0.3, within(1e-12));
    assertThat(uplift.control().ci95()).isNotNull();
    assertThat(uplift.uplift()).isNull();
    assertThat(uplift.upliftCi95()).isNull();
    assertThat(uplift.pValue()).isEqualTo(1.0);
    assertThat(uplift.status()).isEqualTo(UpliftStatus.MEASURING);
  }
}
