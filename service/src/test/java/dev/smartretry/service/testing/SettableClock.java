package dev.smartretry.service.testing;

import dev.smartretry.service.clock.ServiceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it: the scheduler does nothing because time
 * passed, only because the test said it did. Give it to a service with {@link ServiceInstance}.
 */
public final class SettableClock extends ServiceClock {
  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Real time is clock time here: a lease of two minutes lasts until the test moves two on. */
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
    return "a settable test clock at " + now;
  }
}
