package dev.smartretry.inspect;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints a {@link HistorySummary} as plain-text tables for a person at a terminal. */
public final class SummaryTable {
  private SummaryTable() {}

  public static void print(HistorySummary summary, PrintWriter out) {
    out.printf("File        %s%n", summary.file());
    out.printf("Rows        %,d read, %,d accepted%n", summary.rowsRead(), summary.rowsAccepted());
    out.printf(
        "Invoices    %,d accepted, %,d rejected%n", summary.invoices(), summary.invoicesRejected());
    out.printf(
        "Recovered   %,d invoices (%.1f%%) with %,d retries%n",
        summary.recoveredInvoices(), 100 * summary.recoveryRate(), summary.retries());
    out.printf("Date range  %s .. %s%n", summary.firstAttemptAt(), summary.lastAttemptAt());
    rates(
        out,
        "Retry success by the decline code it followed",
        "decline code",
        summary.byPreviousDeclineCode());
    rates(out, "Retry success by retry number", "retry", summary.byRetryNumber());
    rates(out, "Retry success by local hour of the retry", "hour", summary.byLocalHour());
    counts(out, "Rejected rows by rule", summary.rejectedRowsByRule());
    counts(out, "Unknown decline codes (read as other)", summary.unknownDeclineCodes());
    if (!summary.unknownColumns().isEmpty()) {
      out.printf("%nIgnored unknown columns: %s%n", String.join(", ", summary.unknownColumns()));
    }
    if (!summary.firstProblems().isEmpty()) {
      out.printf("%nFirst problems%n");
      summary.firstProblems().forEach(problem -> out.printf("  %s%n", problem));
    }
    out.flush();
  }

  private static void rates(PrintWriter out, String title, String group, List<SuccessRate> rates) {
    out.printf("%n%s%n  %-32s %10s %10s %8s%n", title, group, "retries", "succeeded", "rate");
    for (SuccessRate rate : rates) {
      out.printf(
          "  %-32s %,10d %,10d %7.1f%%%n",
          rate.group(), rate.retries(), rate.succeeded(), 100 * rate.rate());
    }
  }

  private static void counts(PrintWriter out, String title, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return;
    }
    out.printf("%n%s%n", title);
    counts.forEach((name, count) -> out.printf("  %-32s %,10d%n", name, count));
  }
}
