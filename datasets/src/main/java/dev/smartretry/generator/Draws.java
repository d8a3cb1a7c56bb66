package dev.smartretry.generator;

import java.util.SplittableRandom;

/**
 * The few distributions the world draws from. StrictMath, not Math: its results are the same on
 * every JVM and CPU, so a seed gives the same file everywhere, not just on this machine.
 */
final class Draws {
  private Draws() {}

  /** A standard normal by Box-Muller; always two uniforms, so streams stay aligned. */
  static double normal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * normal(random));
  }

  /** Uniform in log space: as many draws between 15 and 30 minutes as between 2 and 4 days. */
  static double logUniform(SplittableRandom random, double low, double high) {
    return low * StrictMath.exp(random.nextDouble() * StrictMath.log(high / low));
  }

  /** Uniform in {@code [low, high)}. */
  static double uniform(SplittableRandom random, double low, double high) {
    return low + random.nextDouble() * (high - low);
  }

  /** Uniform over {@code low..high}, both included. */
  static int uniform(SplittableRandom random, int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  static double exponential(SplittableRandom random, double mean) {
    return -mean * StrictMath.log(1.0 - random.nextDouble());
  }

  /**
   * A Poisson count by inversion of one given uniform: the same uniform gives a larger count for a
   * larger mean, so the same draw with a livelier card shows more devices (common random numbers).
   */
  static int poisson(double uniform, double mean) {
    if (mean <= 0) {
      return 0;
    }
    double term = StrictMath.exp(-mean);
    double cumulative = term;
    int k = 0;
    while (uniform > cumulative && k < 1000) {
      k++;
      term *= mean / k;
      cumulative += term;
    }
    return k;
  }
}
