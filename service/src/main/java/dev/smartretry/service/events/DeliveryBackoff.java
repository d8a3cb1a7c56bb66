package dev.smartretry.service.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The waits between tries of a delivery (docs/http-api.md, section 7): 5 s, 5 min, 30 min, 2 h, 5
 * h, 10 h, 14 h, 20 h and 24 h, each with up to a tenth of jitter so that deliveries failing
 * together do not come back together; after the last, the delivery has failed. Real time: an
 * endpoint recovers in real hours whatever a simulation clock says.
 */
final class DeliveryBackoff {
  static final List<Duration> WAITS =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(14),
          Duration.ofHours(20),
          Duration.ofHours(24));

  /** Tries in all: the first and one after each wait. */
  static final int TRIES = WAITS.size() + 1;

  static final double JITTER = 0.1;

  private DeliveryBackoff() {}

  /** The wait after the {@code failedTries}-th failed try; empty when none is left. */
  static Optional<Duration> after(int failedTries, RandomGenerator random) {
    if (failedTries < 1 || failedTries > WAITS.size()) {
      return Optional.empty();
    }
    double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
    return Optional.of(
        Duration.ofMillis(Math.round(WAITS.get(failedTries - 1).toMillis() * factor)));
  }
}
