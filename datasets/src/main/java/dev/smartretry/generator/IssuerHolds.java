package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * An issuer's risk system blocks the card for a while. The block clears after a log-normal duration
 * whose median is the issuer's own (issuers differ by {@code issuerSpread} around {@code
 * medianHours}); each retry before it clears makes it last {@code extensionHours} longer.
 *
 * @param codes the codes reported while the hold is in force, with weights
 * @param medianHours median hold duration across issuers
 * @param issuerSpread log-normal spread of issuers' median durations
 * @param durationSpread log-normal spread of one hold's duration around its issuer's median
 * @param extensionHours extra hold per retry made before the hold cleared
 * @param leakProbability chance a retry succeeds while the hold is in force
 * @param clearedSuccess chance a retry succeeds once it has cleared
 */
public record IssuerHolds(
    Map<String, Double> codes,
    double medianHours,
    double issuerSpread,
    double durationSpread,
    double extensionHours,
    double leakProbability,
    double clearedSuccess) {
  public IssuerHolds {
    codes = Check.codes("issuerHolds.codes", codes, false);
    Check.positive("issuerHolds.medianHours", medianHours);
    Check.nonNegative("issuerHolds.issuerSpread", issuerSpread);
    Check.nonNegative("issuerHolds.durationSpread", durationSpread);
    Check.nonNegative("issuerHolds.extensionHours", extensionHours);
    Check.probability("issuerHolds.leakProbability", leakProbability);
    Check.probability("issuerHolds.clearedSuccess", clearedSuccess);
  }

  /**
   * A world's holds, drawn for {@link RandomWorlds}: a few hours to five days, some harsh on early
   * retries.
   */
  static IssuerHolds drawn(SplittableRandom random, IssuerHolds defaults) {
    return new IssuerHolds(
        defaults.codes(),
        Draws.logUniform(random, 3, 120),
        Draws.uniform(random, 0.2, 1.0),
        Draws.uniform(random, 0.3, 1.2),
        Draws.uniform(random, 0.0, 48.0),
        Draws.uniform(random, 0, 0.08),
        Draws.uniform(random, 0.4, 0.9));
  }
}
