package dev.smartretry.inspect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The figures {@code inspect} prints. Retry success is grouped by the decline code of the attempt
 * the retry followed (a successful retry has no code of its own), by retry number (1 is the first
 * retry after the original charge) and by the customer's local hour at the retry. JSON output
 * spells the fields in snake_case.
 */
public record HistorySummary(
    String file,
    long rowsRead,
    long rowsAccepted,
    long invoices,
    long invoicesRejected,
    long recoveredInvoices,
    long retries,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    List<SuccessRate> byPreviousDeclineCode,
    List<SuccessRate> byRetryNumber,
    List<SuccessRate> byLocalHour,
    Map<String, Long> rejectedRowsByRule,
    List<String> unknownColumns,
    Map<String, Long> unknownDeclineCodes,
    List<String> firstProblems) {

  public double recoveryRate() {
    return invoices == 0 ? 0 : (double) recoveredInvoices / invoices;
  }
}
