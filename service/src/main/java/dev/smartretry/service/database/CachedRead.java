package dev.smartretry.service.database;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a read returned, kept while {@link TableChanges} says the tables behind it have not changed.
 * Readers share the last value; when several load at once, each gets what it loaded, and the value
 * kept is checked again on the next read, so an older one never outlives a change.
 *
 * @param <T> what is read; shared between threads, so it must not change once loaded
 */
public final class CachedRead<T> {
  private final LongSupplier generation;
  private final Supplier<T> load;
  private volatile Kept<T> kept;

  private record Kept<T>(long generation, T value) {}

  /**
   * @param generation {@link TableChanges#generation()}, or another counter that changes with the
   *     data and is {@link TableChanges#UNKNOWN} while it cannot tell
   * @param load reads the current value
   */
  public CachedRead(LongSupplier generation, Supplier<T> load) {
    this.generation = generation;
    this.load = load;
  }

  public T get() {
    // Read before loading: a change during the load moves it on and the value is not reused.
    long current = generation.getAsLong();
    Kept<T> last = kept;
    if (current != TableChanges.UNKNOWN && last != null && last.generation() == current) {
      return last.value();
    }
    T value = load.get();
    if (current != TableChanges.UNKNOWN) {
      kept = new Kept<>(current, value);
    }
    return value;
  }
}
