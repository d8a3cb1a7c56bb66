package dev.smartretry.service.testing;

import dev.smartretry.service.plans.PlanChanged;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The committed plan changes of one service, for tests to wait on: every test context has one, and
 * {@link #await} returns as soon as the change it waits for is committed. {@link #anywhere()} sees
 * the changes of every service in the JVM, for tests that run several instances.
 */
@Singleton
public final class PlanChangesSeen {
  // Far longer than any change takes; a test ends as soon as its change arrives.
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final PlanChangesSeen ANYWHERE = new PlanChangesSeen();

  private final LinkedBlockingQueue<PlanChanged> changes = new LinkedBlockingQueue<>();
  private final List<PlanChanged> seen = new ArrayList<>();

  /** The changes of every service of this JVM, in the order they were committed. */
  public static PlanChangesSeen anywhere() {
    return ANYWHERE;
  }

  @EventListener
  void onPlanChanged(PlanChanged changed) {
    record(changed);
    ANYWHERE.record(changed);
  }

  private void record(PlanChanged changed) {
    synchronized (seen) {
      seen.add(changed);
    }
    changes.add(changed);
  }

  /** Waits for the next change that matches, dropping those before it. */
  public PlanChanged await(Predicate<PlanChanged> wanted) {
    long until = System.nanoTime() + PATIENCE.toNanos();
    try {
      while (true) {
        PlanChanged changed = changes.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (changed == null) {
          throw new AssertionError("No such plan change within " + PATIENCE);
        }
        if (wanted.test(changed)) {
          return changed;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a plan change", e);
    }
  }

  /** Waits for {@code count} changes that match, dropping the others. */
  public List<PlanChanged> await(int count, Predicate<PlanChanged> wanted) {
    List<PlanChanged> matching = new ArrayList<>();
    while (matching.size() < count) {
      matching.add(await(wanted));
    }
    return matching;
  }

  /** How many changes seen so far match, awaited or not. */
  public long count(Predicate<PlanChanged> wanted) {
    synchronized (seen) {
      return seen.stream().filter(wanted).count();
    }
  }

  /** Forgets the changes seen so far. */
  public void clear() {
    synchronized (seen) {
      seen.clear();
    }
    changes.clear();
  }
}
