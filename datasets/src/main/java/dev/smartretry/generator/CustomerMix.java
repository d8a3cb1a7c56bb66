package dev.smartretry.generator;

import java.util.SplittableRandom;

/**
 * Customers have a hidden engagement z, standard normal plus a tenure effect. It drives both how
 * often they recover (a retry that would succeed with probability p succeeds with {@code 1 - (1 -
 * p)^m}, {@code m = exp(recoveryStrength * z)}) and how many devices use their card.
 *
 * @param tenureMeanDays mean of the exponential tenure at the first failure (at least one billing
 *     period for subscriptions)
 * @param tenureUnknownShare share of invoices whose tenure the billing system does not know
 * @param issuerIdMissingShare share of invoices without an issuer id
 * @param tenureEngagementEffect z rises by this much per unit of ln(1 + tenure in years)
 * @param recoveryStrength how strongly engagement multiplies recovery
 */
public record CustomerMix(
    double tenureMeanDays,
    double tenureUnknownShare,
    double issuerIdMissingShare,
    double tenureEngagementEffect,
    double recoveryStrength) {
  public CustomerMix {
    Check.positive("customers.tenureMeanDays", tenureMeanDays);
    Check.probability("customers.tenureUnknownShare", tenureUnknownShare);
    Check.probability("customers.issuerIdMissingShare", issuerIdMissingShare);
    Check.nonNegative("customers.tenureEngagementEffect", tenureEngagementEffect);
    Check.nonNegative("customers.recoveryStrength", recoveryStrength);
  }

  /** A world's customers, drawn for {@link RandomWorlds}. */
  static CustomerMix drawn(SplittableRandom random) {
    return new CustomerMix(
        Draws.logUniform(random, 100, 1500),
        Draws.uniform(random, 0, 0.3),
        Draws.uniform(random, 0, 0.5),
        Draws.uniform(random, 0, 0.6),
        Draws.uniform(random, 0, 0.9));
  }
}
