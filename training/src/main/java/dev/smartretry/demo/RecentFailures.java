package dev.smartretry.demo;

import dev.smartretry.SmartRetryException;
import dev.smartretry.generator.HistoryWindow;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldInvoice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The invoices a billing system would hand to the scheduler at an instant {@code T}: those of a
 * world whose original charge failed in the day before, {@code [T - 1 day, T)}, the first ones from
 * an index on.
 */
public final class RecentFailures {
  public static final Duration LOOKBACK = Duration.ofDays(1);

  /**
   * Invoices drawn per step: enough to keep every core busy between checks whether enough were
   * found, few enough not to draw much past them.
   */
  private static final int STEP = 8_192;

  /**
   * The scan gives up after this many times the draws expected to find the invoices (a world
   * spreads first failures evenly over its history window): far beyond bad luck, near enough to
   * fail in seconds when {@code T} is at an edge of the window.
   */
  private static final int PATIENCE = 4;

  private RecentFailures() {}

  /**
   * The first {@code count} invoices of {@code world}, from index {@code first} on, whose original
   * charge failed in {@code [before - 1 day, before)}, in index order. Invoices are drawn on every
   * core; the answer is the same whatever their number.
   *
   * @throws SmartRetryException naming the world's history window when it has too few such invoices
   */
  public static List<WorldInvoice> find(World world, long first, int count, Instant before) {
    if (first < 0 || count < 1) {
      throw new IllegalArgumentException("find at least one invoice from a non-negative index");
    }
    Instant after = before.minus(LOOKBACK);
    HistoryWindow window = world.config().history();
    Instant windowStart =
        LocalDate.parse(window.firstFailureFrom()).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant windowEnd =
        LocalDate.parse(window.firstFailureTo())
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    if (!after.isBefore(windowEnd) || !before.isAfter(windowStart)) {
      throw tooFew(0, count, after, before, window, 0);
    }
    long windowDays = Duration.between(windowStart, windowEnd).toDays();
    long limit = Math.min(PATIENCE * (count * windowDays + STEP), Long.MAX_VALUE - first);
    List<WorldInvoice> found = new ArrayList<>(count);
    long scanned = 0;
    while (found.size() < count && scanned < limit) {
      long from = first + scanned;
      long to = Math.min(from + STEP, first + limit);
      List<WorldInvoice> step =
          LongStream.range(from, to)
              .parallel()
              .mapToObj(world::draw)
              .filter(
                  invoice ->
                      !invoice.firstFailureAt().isBefore(after)
                          && invoice.firstFailureAt().isBefore(before))
              .toList();
      found.addAll(step.subList(0, Math.min(step.size(), count - found.size())));
      scanned = to - first;
    }
    if (found.size() < count) {
      throw tooFew(found.size(), count, after, before, window, scanned);
    }
    return found;
  }

  private static SmartRetryException tooFew(
      int found, int count, Instant after, Instant before, HistoryWindow window, long scanned) {
    return new SmartRetryException(
        String.format(
            "found %,d of %,d invoices whose original charge failed in [%s, %s)%s; this world's"
                + " first failures fall from %s to %s (its history window): ask for a"
                + " day inside it",
            found,
            count,
            after,
            before,
            scanned == 0 ? "" : String.format(" among %,d invoices", scanned),
            window.firstFailureFrom(),
            window.firstFailureTo()));
  }
}
