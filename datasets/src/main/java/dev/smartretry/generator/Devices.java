package dev.smartretry.generator;

import java.util.SplittableRandom;

/**
 * {@code devices_24h} is Poisson with mean {@code level * activity}: the customer's device level
 * (log-normal, correlated with engagement) times how much the card is in use, from {@code
 * blockedActivity} (blocked, unfunded, expired) to {@code inUseActivity} (back in use: funds
 * arrived, a hold cleared, the card was replaced).
 *
 * @param medianLevel median device level
 * @param levelSpread log-normal spread of device levels
 * @param engagementCorrelation correlation of the level's log with engagement
 * @param blockedActivity activity of a blocked or unfunded card
 * @param inUseActivity activity of a card in use
 */
public record Devices(
    double medianLevel,
    double levelSpread,
    double engagementCorrelation,
    double blockedActivity,
    double inUseActivity) {
  public Devices {
    Check.positive("devices.medianLevel", medianLevel);
    Check.nonNegative("devices.levelSpread", levelSpread);
    Check.probability("devices.engagementCorrelation", engagementCorrelation);
    Check.nonNegative("devices.blockedActivity", blockedActivity);
    Check.nonNegative("devices.inUseActivity", inUseActivity);
  }

  /**
   * A world's device signal, drawn for {@link RandomWorlds}: from telling (a blocked card shows few
   * devices, one in use many) to useless (both alike).
   */
  static Devices drawn(SplittableRandom random) {
    return new Devices(
        Draws.uniform(random, 0.5, 3),
        Draws.uniform(random, 0.2, 0.8),
        Draws.uniform(random, 0, 0.9),
        Draws.uniform(random, 0.02, 0.9),
        Draws.uniform(random, 0.6, 1.5));
  }
}
