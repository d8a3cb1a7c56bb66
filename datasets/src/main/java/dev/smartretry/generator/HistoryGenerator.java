package dev.smartretry.generator;

import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.Invoice;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The synthetic attempts history: the invoices of a {@link World}, each retried by the exploring
 * {@link LegacyRetryPolicy}. Invoice {@code k} depends only on (config, seed, k), so the same seed
 * gives the same invoices, and a byte-identical file, whatever the number of threads.
 */
public final class HistoryGenerator {
  /** Invoices per unit of parallel work: large enough to amortize, small enough to stay busy. */
  private static final int CHUNK = 2048;

  private final World world;
  private final LegacyRetryPolicy policy;
  private final long seed;

  public HistoryGenerator(WorldConfig config, long seed) {
    Objects.requireNonNull(config, "config");
    this.world = new World(config, seed);
    this.policy = new LegacyRetryPolicy(config.legacyPolicy());
    this.seed = seed;
  }

  /** The world the history is drawn from: the same invoices, for other policies to play. */
  public World world() {
    return world;
  }

  /** Invoice {@code index} with the legacy policy's attempts. */
  public Invoice invoice(long index) {
    return invoice(world.draw(index));
  }

  /** The first {@code count} invoices, in index order. */
  public Stream<Invoice> invoices(long count) {
    checkCount(count);
    return LongStream.range(0, count).mapToObj(this::invoice);
  }

  /**
   * Writes the first {@code count} invoices to {@code out} (gzip when it ends in {@code .gz}),
   * generating on all cores and writing in index order.
   *
   * @param progress told the number of invoices written so far, from the calling thread
   */
  public void write(Path out, long count, LongConsumer progress) throws IOException {
    write(out, count, progress, Runtime.getRuntime().availableProcessors());
  }

  void write(Path out, long count, LongConsumer progress, int threads) throws IOException {
    checkCount(count);
    Objects.requireNonNull(progress, "progress");
    try (HistoryWriter writer = HistoryWriter.open(out)) {
      if (threads <= 1) {
        for (long from = 0; from < count; from += CHUNK) {
          for (Invoice invoice : chunk(from, Math.min(count, from + CHUNK))) {
            writer.write(invoice);
          }
          progress.accept(Math.min(count, from + CHUNK));
        }
      } else {
        writeParallel(writer, count, progress, threads);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void writeParallel(HistoryWriter writer, long count, LongConsumer progress, int threads)
      throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "history-generator");
              thread.setDaemon(true);
              return thread;
            });
    try {
      // A bounded window of chunks in flight keeps memory flat however many invoices are asked.
      Deque<Future<List<Invoice>>> pending = new ArrayDeque<>();
      long submitted = 0;
      long written = 0;
      while (written < count) {
        while (pending.size() < threads * 4 && submitted < count) {
          long from = submitted;
          long to = Math.min(count, from + CHUNK);
          pending.add(pool.submit(() -> chunk(from, to)));
          submitted = to;
        }
        for (Invoice invoice : await(pending.removeFirst())) {
          writer.write(invoice);
          written++;
        }
        progress.accept(written);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Invoice> chunk(long from, long to) {
    List<Invoice> invoices = new ArrayList<>((int) (to - from));
    for (long index = from; index < to; index++) {
      invoices.add(invoice(index));
    }
    return invoices;
  }

  Invoice invoice(WorldInvoice invoice) {
    return policy.play(invoice, Seeds.random(seed, Seeds.POLICY, invoice.index()));
  }

  private static List<Invoice> await(Future<List<Invoice>> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while generating invoices");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void checkCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
  }
}
