package dev.smartretry.inspect;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.HistoryRule;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.ReadReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Accumulates the {@link HistorySummary} figures invoice by invoice, keeping only counters, so a
 * file of any size can be inspected in constant memory.
 */
public final class HistoryInspection implements Consumer<Invoice> {
  private final Map<DeclineCode, long[]> byCode = new EnumMap<>(DeclineCode.class);
  private final Map<Integer, long[]> byRetryNumber = new TreeMap<>();
  private final long[][] byLocalHour = new long[24][2];
  private long invoices;
  private long recovered;
  private long retries;
  private Instant first;
  private Instant last;

  @Override
  public void accept(Invoice invoice) {
    invoices++;
    if (invoice.recovered()) {
      recovered++;
    }
    List<Attempt> attempts = invoice.attempts();
    widenRange(attempts.get(0).attemptedAt(), attempts.get(attempts.size() - 1).attemptedAt());
    for (int index = 1; index < attempts.size(); index++) {
      Attempt retry = attempts.get(index);
      int success = retry.succeeded() ? 1 : 0;
      retries++;
      count(
          byCode.computeIfAbsent(attempts.get(index - 1).declineCode(), c -> new long[2]), success);
      count(byRetryNumber.computeIfAbsent(index, n -> new long[2]), success);
      count(byLocalHour[retry.attemptedAt().atZone(invoice.timezone()).getHour()], success);
    }
  }

  /** The figures so far, with what the reader reported about the file. */
  public HistorySummary summary(ReadReport report) {
    List<SuccessRate> codes = new ArrayList<>();
    byCode.forEach((code, counts) -> codes.add(rate(code.wireName(), counts)));
    codes.sort((a, b) -> Long.compare(b.retries(), a.retries()));
    List<SuccessRate> numbers = new ArrayList<>();
    byRetryNumber.forEach((number, counts) -> numbers.add(rate(Integer.toString(number), counts)));
    List<SuccessRate> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(rate(String.format("%02d", hour), byLocalHour[hour]));
    }
    Map<String, Long> rejected = new LinkedHashMap<>();
    for (HistoryRule rule : HistoryRule.values()) {
      long rows = report.rejectedRows(rule);
      if (rows > 0) {
        rejected.put(rule.id(), rows);
      }
    }
    return new HistorySummary(
        report.file(),
        report.rowsRead(),
        report.rowsAccepted(),
        invoices,
        report.invoicesRejected(),
        recovered,
        retries,
        first,
        last,
        codes,
        numbers,
        hours,
        rejected,
        report.unknownColumns(),
        new TreeMap<>(report.unknownDeclineCodes()),
        report.firstProblems().stream().map(Object::toString).toList());
  }

  private void widenRange(Instant start, Instant end) {
    if (first == null || start.isBefore(first)) {
      first = start;
    }
    if (last == null || end.isAfter(last)) {
      last = end;
    }
  }

  private static void count(long[] counts, int success) {
    counts[0]++;
    counts[1] += success;
  }

  private static SuccessRate rate(String group, long[] counts) {
    return new SuccessRate(group, counts[0], counts[1]);
  }
}
