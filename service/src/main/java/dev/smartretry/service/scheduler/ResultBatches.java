package dev.smartretry.service.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The results of executed work, waiting to be stored: a few threads each take what has arrived, up
 * to a batch, and store it in one transaction. Under load the batches grow and a transaction serves
 * many results; when results are few, each is stored on its own at once.
 *
 * @param <T> a result
 */
public final class ResultBatches<T> {
  private static final int BATCH = 32;

  private record Waiting<T>(T result, CompletableFuture<Void> stored) {}

  private final String name;
  private final Consumer<List<T>> storeAll;
  private final LinkedBlockingQueue<Waiting<T>> waiting = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  /**
   * @param name what the results are, for thread names
   * @param storeAll stores a batch in one transaction, or throws and stores none of it
   */
  public ResultBatches(String name, Consumer<List<T>> storeAll) {
    this.name = name;
    this.storeAll = storeAll;
  }

  /** Starts {@code count} storing threads. */
  public synchronized void start(int count) {
    running = true;
    for (int index = 1; index <= count; index++) {
      Thread thread = new Thread(this::work, "smart-retry-" + name + "-" + index);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /** Completes once {@code result} is stored, exceptionally if its batch could not be. */
  public CompletionStage<Void> store(T result) {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    if (!running) {
      stored.completeExceptionally(new IllegalStateException("the service is stopping"));
      return stored;
    }
    waiting.add(new Waiting<>(result, stored));
    return stored;
  }

  private void work() {
    List<Waiting<T>> batch = new ArrayList<>(BATCH);
    while (running || !waiting.isEmpty()) {
      try {
        Waiting<T> first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH - 1);
        storeAll.accept(batch.stream().map(Waiting::result).toList());
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
  public void stop(long millis) {
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
