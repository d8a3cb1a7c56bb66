package dev.smartretry.service.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock that was at {@code start} at the real instant {@code anchoredAt} and runs {@code speed}
 * times faster than real time since, like a billing platform's test clock. For demos, load tests
 * and simulations only.
 */
final class SimulationClock extends ServiceClock {
  private final Instant start;
  private final double speed;
  private final Instant anchoredAt;
  private final Clock real;

  SimulationClock(Instant start, double speed, Instant anchoredAt, Clock real) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive number: " + speed);
    }
    this.start = Objects.requireNonNull(start, "start");
    this.speed = speed;
    this.anchoredAt = Objects.requireNonNull(anchoredAt, "anchoredAt");
    this.real = Objects.requireNonNull(real, "real");
  }

  @Override
  public Instant instant() {
    return start
        .plus(clockTime(Duration.between(anchoredAt, real.instant())))
        .truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public Duration clockTime(Duration real) {
    return scaled(real, speed);
  }

  @Override
  public Duration realTime(Duration clockTime) {
    return scaled(clockTime, 1 / speed);
  }

  private static Duration scaled(Duration duration, double factor) {
    // Nanoseconds in a double: exact to a microsecond over centuries, which is plenty here.
    return Duration.ofNanos(Math.round(duration.toNanos() * factor));
  }

  @Override
  public String toString() {
    return "a simulation clock, " + speed + "x from " + start + " (anchored at " + anchoredAt + ")";
  }
}
