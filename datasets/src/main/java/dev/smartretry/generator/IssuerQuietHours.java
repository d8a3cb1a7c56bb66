package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Some issuers decline every charge during a window of the customer's local night: batch
 * processing, maintenance. Which issuers, and each one's window, are drawn once per world; a retry
 * inside the window fails with one of {@code codes}, whatever else stands in the way.
 *
 * @param share share of the issuers with such a window (0: none, as in the default world)
 * @param minHours shortest window
 * @param maxHours longest window
 * @param codes the codes reported inside a window, with weights; each issuer uses one
 */
public record IssuerQuietHours(
    double share, int minHours, int maxHours, Map<String, Double> codes) {
  public IssuerQuietHours {
    Check.probability("issuerQuietHours.share", share);
    Check.range("issuerQuietHours.minHours", minHours, 1, 12);
    Check.range("issuerQuietHours.maxHours", maxHours, minHours, 12);
    codes = Check.codes("issuerQuietHours.codes", codes, false);
  }

  /**
   * A world's quiet hours, drawn for {@link RandomWorlds}: up to half the issuers, 1 to 8 hours.
   */
  static IssuerQuietHours drawn(SplittableRandom random, IssuerQuietHours defaults) {
    int shortest = Draws.uniform(random, 1, 3);
    return new IssuerQuietHours(
        Draws.uniform(random, 0, 0.5),
        shortest,
        Draws.uniform(random, shortest, shortest + 5),
        defaults.codes());
  }
}
