package dev.smartretry.service.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A gauge's value read from the database at most once per freshness period of the service's clock,
 * the last one kept meanwhile: scrapes come every few seconds from each Prometheus, and a reading
 * is a query.
 */
public final class RecentReading implements Supplier<Number> {
  private final Supplier<? extends Number> read;
  private final Duration freshness;
  private final Clock clock;
  private Instant readAt;
  private Number value;

  public RecentReading(Supplier<? extends Number> read, Duration freshness, Clock clock) {
    this.read = read;
    this.freshness = freshness;
    this.clock = clock;
  }

  @Override
  public synchronized Number get() {
    Instant now = clock.instant();
    if (value == null || !now.isBefore(readAt.plus(freshness)) || now.isBefore(readAt)) {
      try {
        value = read.get();
        readAt = now;
      } catch (RuntimeException e) {
        // The database is away: Prometheus sees the gauge missing, not a stale value.
        return Double.NaN;
      }
    }
    return value;
  }
}
