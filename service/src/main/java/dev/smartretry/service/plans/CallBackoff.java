package dev.smartretry.service.plans;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before calling the gateway again for a retry that got no outcome: 30 s, then
 * twice as long after each further failure, at most an hour, each with up to a fifth of jitter so
 * that plans failing together do not call again together. Real time: a gateway recovers in real
 * seconds whatever a simulation clock says.
 */
final class CallBackoff {
  static final Duration FIRST = Duration.ofSeconds(30);
  static final Duration LONGEST = Duration.ofHours(1);
  private static final double JITTER = 0.2;

  private CallBackoff() {}

  /** The wait after the {@code failures}-th call without outcome (1 for the first). */
  static Duration after(int failures, RandomGenerator random) {
    long base = FIRST.toMillis() << Math.min(Math.max(0, failures - 1), 20);
    long capped = Math.min(base, LONGEST.toMillis());
    double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
    return Duration.ofMillis(Math.round(capped * factor));
  }
}
