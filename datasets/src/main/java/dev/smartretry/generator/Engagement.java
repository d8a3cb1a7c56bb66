package dev.smartretry.generator;

import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * How much the customer cares about and uses the card: engaged customers top up, clear holds and
 * re-enter cards more often, and present the card on more devices. The one hidden trait that ties
 * the {@code devices_24h} signal to recovery.
 *
 * @param z standard-normal engagement, shifted up by tenure
 * @param recoveryMultiplier {@code exp(recoveryStrength * z)}: the exponent in {@link #lift}
 * @param deviceLevel expected devices when the card is fully in use
 * @param devices how the card's activity turns into devices
 */
record Engagement(double z, double recoveryMultiplier, double deviceLevel, Devices devices) {

  static Engagement draw(
      CustomerMix customers, Devices devices, OptionalInt tenureDays, SplittableRandom random) {
    double tenureYears = tenureDays.isPresent() ? tenureDays.getAsInt() / 365.0 : 0;
    double z =
        Draws.normal(random) + customers.tenureEngagementEffect() * StrictMath.log1p(tenureYears);
    double rho = devices.engagementCorrelation();
    double deviceZ = rho * z + StrictMath.sqrt(1 - rho * rho) * Draws.normal(random);
    return new Engagement(
        z,
        StrictMath.exp(customers.recoveryStrength() * z),
        devices.medianLevel() * StrictMath.exp(devices.levelSpread() * deviceZ),
        devices);
  }

  /**
   * A chance raised (or lowered) by engagement: {@code 1 - (1 - p)^m}, which keeps 0 at 0 (a hard
   * decline stays hopeless however engaged the customer) and 1 at 1.
   */
  double lift(double p) {
    if (p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return 1;
    }
    return 1 - StrictMath.pow(1 - p, recoveryMultiplier);
  }

  /** A {@code devices_24h} value for a card this much in use, from one uniform. */
  int devices24h(double cardInUse, double uniform) {
    double activity =
        devices.blockedActivity()
            + (devices.inUseActivity() - devices.blockedActivity()) * cardInUse;
    return Draws.poisson(uniform, deviceLevel * activity);
  }
}
