package dev.smartretry.generator;

import dev.smartretry.history.HistoryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

/**
 * One history from many randomized worlds, each with its own invoices ({@link RandomWorlds} world
 * {@code w}, invoice seed {@code w}): what no single merchant has, a model that has seen many
 * calendars and issuers, for merchants whose own history is not there yet.
 *
 * @param firstWorld the seed of the first world
 * @param worlds how many worlds, seeds {@code firstWorld} on
 * @param invoicesPerWorld the invoices each world contributes
 */
public record WorldMixture(long firstWorld, int worlds, long invoicesPerWorld) {
  private static final int CHUNK = 4096;

  public WorldMixture {
    if (worlds < 1) {
      throw new IllegalArgumentException("a mixture needs at least one world, not " + worlds);
    }
    if (invoicesPerWorld < 1) {
      throw new IllegalArgumentException(
          "each world must contribute at least one invoice, not " + invoicesPerWorld);
    }
  }

  public long invoices() {
    return worlds * invoicesPerWorld;
  }

  /**
   * Writes the worlds' invoices to {@code out} (gzip when it ends in {@code .gz}), world after
   * world, each world's invoices generated on all cores.
   *
   * @param progress told the number of invoices written so far
   */
  public void write(Path out, LongConsumer progress) throws IOException {
    Objects.requireNonNull(progress, "progress");
    try (HistoryWriter writer = HistoryWriter.open(out)) {
      for (int index = 0; index < worlds; index++) {
        long seed = firstWorld + index;
        HistoryGenerator generator = new HistoryGenerator(RandomWorlds.draw(seed), seed);
        long before = index * invoicesPerWorld;
        // In chunks, so that memory stays flat however many invoices a world contributes.
        for (long from = 0; from < invoicesPerWorld; from += CHUNK) {
          long to = Math.min(invoicesPerWorld, from + CHUNK);
          LongStream.range(from, to)
              .parallel()
              .mapToObj(generator::invoice)
              .toList()
              .forEach(writer::write);
          progress.accept(before + to);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
