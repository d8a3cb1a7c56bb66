package dev.smartretry.generator;

import java.util.Map;

/**
 * @param codes the remaining soft codes (authentication required, call issuer...) with weights
 * @param success chance that a retry succeeds, at any time
 */
public record OtherSoftDeclines(Map<String, Double> codes, double success) {
  public OtherSoftDeclines {
    codes = Check.codes("otherSoftDeclines.codes", codes, false);
    Check.probability("otherSoftDeclines.success", success);
  }
}
