package dev.smartretry.generator;

import java.util.SplittableRandom;

/**
 * An expired card never succeeds until it is replaced: by the network account updater (which the
 * merchant queries in a nightly batch), or by the customer, more likely when engaged.
 *
 * @param updaterCoverage share of expired cards whose new details the updater will return
 * @param updaterMedianDays median days until the issuer has reported the new card (at least 1)
 * @param updaterSpread log-normal spread of that delay
 * @param updaterRunHourUtc UTC hour of the merchant's nightly updater run; a new card is usable
 *     from the first run after the issuer reported it
 * @param selfUpdateProbability chance that a customer of average engagement enters a new card
 *     (lifted by engagement like any recovery)
 * @param selfUpdateMedianDays median days until they do (at least 1)
 * @param selfUpdateSpread log-normal spread of that delay
 * @param replacedSuccess chance a retry on the replaced card succeeds
 */
public record CardExpiry(
    double updaterCoverage,
    double updaterMedianDays,
    double updaterSpread,
    int updaterRunHourUtc,
    double selfUpdateProbability,
    double selfUpdateMedianDays,
    double selfUpdateSpread,
    double replacedSuccess) {
  public CardExpiry {
    Check.probability("cardExpiry.updaterCoverage", updaterCoverage);
    Check.positive("cardExpiry.updaterMedianDays", updaterMedianDays);
    Check.nonNegative("cardExpiry.updaterSpread", updaterSpread);
    Check.range("cardExpiry.updaterRunHourUtc", updaterRunHourUtc, 0, 23);
    Check.probability("cardExpiry.selfUpdateProbability", selfUpdateProbability);
    Check.positive("cardExpiry.selfUpdateMedianDays", selfUpdateMedianDays);
    Check.nonNegative("cardExpiry.selfUpdateSpread", selfUpdateSpread);
    Check.probability("cardExpiry.replacedSuccess", replacedSuccess);
  }

  /** A world's expired cards, drawn for {@link RandomWorlds}: updaters from poor to good. */
  static CardExpiry drawn(SplittableRandom random) {
    return new CardExpiry(
        Draws.uniform(random, 0.1, 0.9),
        Draws.uniform(random, 1.0, 10.0),
        Draws.uniform(random, 0.2, 0.8),
        Draws.uniform(random, 0, 23),
        Draws.uniform(random, 0.05, 0.5),
        Draws.uniform(random, 1.0, 7.0),
        Draws.uniform(random, 0.3, 1.2),
        Draws.uniform(random, 0.7, 0.98));
  }
}
