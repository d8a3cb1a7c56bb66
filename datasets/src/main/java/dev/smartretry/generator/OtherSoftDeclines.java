package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * @param codes the remaining soft codes (authentication required, call issuer...) with weights
 * @param success chance that a retry succeeds, at any time
 */
public record OtherSoftDeclines(Map<String, Double> codes, double success) {
  public OtherSoftDeclines {
    codes = Check.codes("otherSoftDeclines.codes", codes, false);
    Check.probability("otherSoftDeclines.success", success);
  }

  /** A world's other soft declines, drawn for {@link RandomWorlds}. */
  static OtherSoftDeclines drawn(SplittableRandom random, OtherSoftDeclines defaults) {
    return new OtherSoftDeclines(defaults.codes(), Draws.uniform(random, 0.02, 0.25));
  }
}
