package dev.smartretry.service.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The results of calls, waiting to be stored: a few threads each take what has arrived, up to a
 * batch, and store it in one transaction ({@link RetryOutcomes#storeAll}). Under load the batches
 * grow and a transaction serves many calls; when calls are few, each is stored on its own at once.
 */
final class OutcomeBatches {
  private static final int BATCH = 32;

  private record Waiting(RetryOutcomes.CallResult result, CompletableFuture<Void> stored) {}

  private final RetryOutcomes outcomes;
  private final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  OutcomeBatches(RetryOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  /** Starts {@code count} storing threads. */
  synchronized void start(int count) {
    running = true;
    for (int index = 1; index <= count; index++) {
      Thread thread = new Thread(this::work, "smart-retry-outcomes-" + index);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /** Completes once {@code result} is stored, exceptionally if its batch could not be. */
  CompletionStage<Void> store(RetryOutcomes.CallResult result) {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    if (!running) {
      stored.completeExceptionally(new IllegalStateException("the service is stopping"));
      return stored;
    }
    waiting.add(new Waiting(result, stored));
    return stored;
  }

  private void work() {
    List<Waiting> batch = new ArrayList<>(BATCH);
    while (running || !waiting.isEmpty()) {
      try {
        Waiting first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH - 1);
        outcomes.storeAll(batch.stream().map(Waiting::result).toList());
        batch.forEach(stored -> stored.stored().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(stored -> stored.stored().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Stores what is waiting, then stops; waits at most {@code millis} for that. */
  void stop(long millis) {
    running = false;
    long until = System.currentTimeMillis() + millis;
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, until - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
