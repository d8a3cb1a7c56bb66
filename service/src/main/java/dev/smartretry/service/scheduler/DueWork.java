package dev.smartretry.service.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A kind of work that comes due at a time and is executed by one instance at a time, under a lease.
 *
 * @param <T> a claimed item
 */
public interface DueWork<T> {
  /** What the work is called in logs and thread names, e.g. {@code retries}. */
  String name();

  /**
   * Claims up to {@code limit} items due at {@code now} that no live lease holds, leasing them to
   * this instance until {@code leaseUntil}, in one transaction.
   */
  List<T> claim(Instant now, Instant leaseUntil, int limit);

  /** When the next item no lease holds comes due, if there is one. */
  Optional<Instant> nextDue(Instant now);

  /**
   * Executes a claimed item without blocking the caller; the stage completes when the item is done
   * with, its result stored.
   */
  CompletionStage<?> execute(T item);
}
