package dev.smartretry.generator;

import java.util.Map;

/**
 * @param codes hard decline codes (lost, stolen, closed accounts, revoked authorizations...) with
 *     weights; a retry after one never succeeds
 */
public record HardDeclines(Map<String, Double> codes) {
  public HardDeclines {
    codes = Check.codes("hardDeclines.codes", codes, true);
  }
}
