package dev.smartretry.service.database;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a read returned, kept while {@link TableChanges} says the tables behind it have not changed.
 * Readers share the last value; when several load at once, each gets what it loaded, and the value
 * kept is checked again on the next read, so an older one never outlives a change.
 *
 * <p>While the database is away ({@link DatabaseOutage}) the last value is served as it is, stale
 * but whole, rather than a failure: decisions need the policies, not the database.
 *
 * @param <T> what is read; shared between threads, so it must not change once loaded
 */
public final class CachedRead<T> {
  private final LongSupplier generation;
  private final DatabaseOutage outage;
  private final Supplier<T> load;
  private volatile Kept<T> kept;

  private record Kept<T>(long generation, T value) {}

  /**
   * @param generation {@link TableChanges#generation()}, or another counter that changes with the
   *     data and is {@link TableChanges#UNKNOWN} while it cannot tell
   * @param load reads the current value
   */
  public CachedRead(LongSupplier generation, DatabaseOutage outage, Supplier<T> load) {
    this.generation = generation;
    this.outage = outage;
    this.load = load;
  }

  public T get() {
    // Read before loading: a change during the load moves it on and the value is not reused.
    long current = generation.getAsLong();
    Kept<T> last = kept;
    if (last != null
        && ((current != TableChanges.UNKNOWN && last.generation() == current)
            || outage.ongoing())) {
      return last.value();
    }
    T value;
    try {
      value = load.get();
    } catch (RuntimeException e) {
      if (last != null && outage.failed(e)) {
        return last.value();
      }
      throw e;
    }
    if (current != TableChanges.UNKNOWN) {
      kept = new Kept<>(current, value);
    }
    return value;
  }
}
