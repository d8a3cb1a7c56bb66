package dev.smartretry.service.scheduler;

import dev.smartretry.service.clock.ServiceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one kind of {@link DueWork} on this instance: one thread claims due items, at most the
 * configured number under way at once, and sleeps until the next item is due, at most the poll
 * interval, or until {@link #wake()}. Executions run where the work puts them; the loop never waits
 * on one.
 *
 * <p>While the database is away, claims fail: the loop logs it once, tries again every poll
 * interval, and says when it claims again. Nothing is lost meanwhile: unclaimed items stay due.
 */
public final class DueWorkLoop<T> {
  private static final Logger LOG = LoggerFactory.getLogger(DueWorkLoop.class);

  private final DueWork<T> work;
  private final ServiceClock clock;
  private final int batchSize;
  private final int concurrency;
  private final Duration pollInterval;
  private final Duration lease;
  private final AtomicInteger underWay = new AtomicInteger();
  private final AtomicBoolean executionsFailing = new AtomicBoolean();
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  public DueWorkLoop(DueWork<T> work, SchedulerSettings settings, ServiceClock clock) {
    this(work, settings, clock, settings.concurrency());
  }

  /**
   * @param concurrency items under way at once on this instance, instead of the settings' (for work
   *     whose items cost less than a retry)
   */
  public DueWorkLoop(
      DueWork<T> work, SchedulerSettings settings, ServiceClock clock, int concurrency) {
    this.work = work;
    this.clock = clock;
    this.batchSize = settings.batchSize();
    this.concurrency = concurrency;
    this.pollInterval = settings.pollInterval();
    this.lease = settings.lease();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "smart-retry-" + work.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Looks for due work now rather than when the current sleep ends. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** The number of items under way on this instance. */
  public int underWay() {
    return underWay.get();
  }

  /**
   * Stops claiming, then waits up to {@code patience} for the items under way. Those still under
   * way after it keep their leases, which run out: another instance takes them over.
   */
  public void stop(Duration patience) {
    Thread running;
    synchronized (this) {
      this.running = false;
      running = thread;
    }
    wake();
    if (running == null) {
      return;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    try {
      running.join(patience.toMillis());
      synchronized (signal) {
        while (underWay.get() > 0 && System.nanoTime() < deadline) {
          signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (underWay.get() > 0) {
      LOG.info("Stopped with {} {} under way; their leases run out", underWay.get(), work.name());
    }
  }

  private void run() {
    boolean failing = false;
    while (running) {
      Duration sleep;
      try {
        sleep = round();
        if (failing) {
          LOG.info("Claiming due {} again", work.name());
          failing = false;
        }
      } catch (RuntimeException e) {
        if (!failing) {
          LOG.warn(
              "Cannot claim due {} ({}); trying again every {}",
              work.name(),
              e.getMessage(),
              pollInterval);
          failing = true;
        } else {
          LOG.debug("Still cannot claim due {}", work.name(), e);
        }
        sleep = pollInterval;
      }
      sleep(sleep);
    }
  }

  /** Claims and starts what is due and fits; says how long to sleep before the next round. */
  private Duration round() {
    int busy = underWay.get();
    int room = Math.min(batchSize, concurrency - busy);
    // With items under way, claim only when a whole batch fits: claiming the one or two places
    // each finished item frees would cost a claiming transaction per item under a backlog.
    if (room <= 0 || (busy > 0 && room < Math.min(batchSize, concurrency))) {
      // A finished item wakes the loop.
      return pollInterval;
    }
    Instant now = clock.instant();
    List<T> claimed = work.claim(now, now.plus(clock.clockTime(lease)), room);
    claimed.forEach(this::execute);
    if (claimed.size() == room) {
      return Duration.ZERO;
    }
    Optional<Instant> next = work.nextDue(clock.instant());
    if (next.isEmpty()) {
      return pollInterval;
    }
    Duration untilDue = clock.realTime(Duration.between(clock.instant(), next.get()));
    return untilDue.compareTo(pollInterval) > 0 ? pollInterval : untilDue;
  }

  private void execute(T item) {
    underWay.incrementAndGet();
    CompletionStage<?> done;
    try {
      done = work.execute(item);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    done.whenComplete(
        (result, failure) -> {
          reportExecution(failure);
          underWay.decrementAndGet();
          wake();
        });
  }

  /**
   * Logs the first of a run of failed executions, and the first success after it: in an outage
   * every item fails alike, and one line says so.
   */
  private void reportExecution(Throwable failure) {
    if (failure == null) {
      if (executionsFailing.compareAndSet(true, false)) {
        LOG.info("Executing due {} again", work.name());
      }
      return;
    }
    if (executionsFailing.compareAndSet(false, true)) {
      LOG.warn(
          "Executing due {} fails ({}); their leases run out and they are taken up again",
          work.name(),
          failure.toString());
    }
    LOG.debug("An execution of due {} failed", work.name(), failure);
  }

  private void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    long until = System.nanoTime() + duration.toNanos();
    synchronized (signal) {
      try {
        while (!woken && running) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      woken = false;
    }
  }
}
