package dev.smartretry.service.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock, in UTC to the microsecond (PostgreSQL's precision, so that an instant stored
 * and read back is the same instant), and how fast it runs against real time. Waits and leases are
 * about real time (a gateway call takes real seconds whatever the clock says), due times about
 * clock time; these two conversions keep them apart.
 */
public abstract class ServiceClock extends Clock {
  /** How much this clock moves on while {@code real} real time passes. */
  public abstract Duration clockTime(Duration real);

  /** How much real time passes while this clock moves on by {@code clockTime}. */
  public abstract Duration realTime(Duration clockTime);

  @Override
  public final ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The service works in UTC only; a clock in another zone would misread every instant. */
  @Override
  public final Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone.normalized())) {
      throw new UnsupportedOperationException("the service's clock is in UTC");
    }
    return this;
  }
}
