package dev.smartretry.service.metrics;

import dev.smartretry.scoring.WilsonInterval;
import java.util.Optional;

/**
 * The 95 % Wilson score interval of one proportion ({@link WilsonInterval}, the library's, which
 * the replay of {@code evaluate} uses too), as the uplift reports it: absent for no trials. Unlike
 * the Wald interval it stays within [0, 1] and keeps a non-zero width at 0 of n and n of n, which
 * small control arms often show.
 */
public final class WilsonScoreInterval {
  private WilsonScoreInterval() {}

  /** The interval of {@code successes} of {@code trials}; absent for no trials. */
  public static Optional<RateInterval> of(long successes, long trials) {
    Counts.check(successes, trials);
    if (trials == 0) {
      return Optional.empty();
    }
    WilsonInterval interval = WilsonInterval.of(successes, trials);
    return Optional.of(new RateInterval(interval.low(), interval.high()));
  }
}
