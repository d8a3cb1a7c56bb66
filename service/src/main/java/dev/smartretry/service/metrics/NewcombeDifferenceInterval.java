package dev.smartretry.service.metrics;

import java.util.Optional;

/**
 * The 95 % interval of the difference p1 - p2 of two independent proportions by Newcombe's hybrid
 * score method (method 10 of Newcombe, "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17:873-890, 1998): each end
 * combines the distances from each proportion to the near end of its own Wilson interval. It keeps
 * the Wilson interval's good coverage at small counts and rates near 0 or 1, where the Wald
 * interval of the difference is too narrow.
 */
public final class NewcombeDifferenceInterval {
  private NewcombeDifferenceInterval() {}

  /**
   * The interval of {@code successes1 / trials1 - successes2 / trials2}; absent when either has no
   * trials, as the difference then is not defined.
   */
  public static Optional<RateInterval> of(
      long successes1, long trials1, long successes2, long trials2) {
    Optional<RateInterval> first = WilsonScoreInterval.of(successes1, trials1);
    Optional<RateInterval> second = WilsonScoreInterval.of(successes2, trials2);
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    double p1 = (double) successes1 / trials1;
    double p2 = (double) successes2 / trials2;
    RateInterval w1 = first.get();
    RateInterval w2 = second.get();
    double difference = p1 - p2;
    double lower = difference - Math.hypot(p1 - w1.lower(), w2.upper() - p2);
    double upper = difference + Math.hypot(w1.upper() - p1, p2 - w2.lower());
    return Optional.of(new RateInterval(lower, upper));
  }
}
