package dev.smartretry.service.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Real UTC time: the clock of every deployment that is not a simulation. */
final class RealClock extends ServiceClock {
  private final Clock system = Clock.systemUTC();

  @Override
  public Instant instant() {
    return system.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public Duration clockTime(Duration real) {
    return real;
  }

  @Override
  public Duration realTime(Duration clockTime) {
    return clockTime;
  }

  @Override
  public String toString() {
    return "the real clock";
  }
}
