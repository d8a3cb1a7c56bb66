package dev.smartretry.service.metrics;

/**
 * The two-sided z-test of two independent proportions with the pooled standard error, the test
 * without continuity correction: z squared is Pearson's chi-square of the 2x2 table, so the p-value
 * equals R's {@code prop.test(..., correct = FALSE)}.
 */
public final class TwoProportionZTest {
  private TwoProportionZTest() {}

  /**
   * The p-value of the difference between {@code successes1 / trials1} and {@code successes2 /
   * trials2}.
   *
   * <p>It is 1, no evidence of a difference, whenever the test has nothing to go on: an arm without
   * trials, or a pooled proportion of 0 or 1 (no successes at all, or no failures at all), where
   * both arms agree exactly and the standard error is 0. The alternative, 0/0, would put NaN in the
   * JSON.
   */
  public static double pValue(long successes1, long trials1, long successes2, long trials2) {
    Counts.check(successes1, trials1);
    Counts.check(successes2, trials2);
    if (trials1 == 0 || trials2 == 0) {
      return 1;
    }
    long successes = successes1 + successes2;
    long trials = trials1 + trials2;
    if (successes == 0 || successes == trials) {
      return 1;
    }
    double pooled = (double) successes / trials;
    double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trials1 + 1.0 / trials2));
    double z = ((double) successes1 / trials1 - (double) successes2 / trials2) / standardError;
    return StandardNormal.twoSidedTail(z);
  }
}
