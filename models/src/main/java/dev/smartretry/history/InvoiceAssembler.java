package dev.smartretry.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Groups rows sorted in invoice order into invoices and enforces the invoice rules. An invoice that
 * breaks one is dropped whole: its history features would be wrong with a row missing.
 */
final class InvoiceAssembler {
  private final ReadTally tally;
  private final Set<String> invoicesWithBadRows;
  private final Consumer<Invoice> sink;

  InvoiceAssembler(ReadTally tally, Set<String> invoicesWithBadRows, Consumer<Invoice> sink) {
    this.tally = tally;
    this.invoicesWithBadRows = invoicesWithBadRows;
    this.sink = sink;
  }

  void assemble(Iterator<AttemptRow> sortedRows) {
    List<AttemptRow> group = new ArrayList<>();
    while (sortedRows.hasNext()) {
      AttemptRow row = sortedRows.next();
      if (!group.isEmpty() && !group.get(0).invoiceId().equals(row.invoiceId())) {
        finish(group);
        group.clear();
      }
      group.add(row);
    }
    if (!group.isEmpty()) {
      finish(group);
    }
  }

  private void finish(List<AttemptRow> rows) {
    if (invoicesWithBadRows.contains(rows.get(0).invoiceId())) {
      // The invoice itself was already counted as rejected when its bad row was read.
      tally.countRejected(HistoryRule.REJECTED_WITH_INVOICE, rows.size());
      return;
    }
    List<AttemptRow> attempts = withoutIdenticalDuplicates(rows);
    if (attempts == null) {
      return;
    }
    HistoryProblem problem = firstBrokenRule(attempts);
    if (problem != null) {
      tally.reject(problem);
      tally.countRejected(HistoryRule.REJECTED_WITH_INVOICE, attempts.size() - 1L);
      tally.invoiceRejected();
      return;
    }
    sink.accept(toInvoice(attempts));
    tally.invoiceAccepted(attempts.size());
  }

  /**
   * Drops a row that repeats another to the letter (a re-export, say), reporting it; rows that
   * share an attempt number but disagree reject the invoice, since neither can be trusted. Returns
   * null when the invoice was rejected.
   */
  private List<AttemptRow> withoutIdenticalDuplicates(List<AttemptRow> rows) {
    List<AttemptRow> unique = new ArrayList<>(rows.size());
    for (AttemptRow row : rows) {
      AttemptRow previous = unique.isEmpty() ? null : unique.get(unique.size() - 1);
      if (previous == null || previous.attemptNumber() != row.attemptNumber()) {
        unique.add(row);
      } else if (row.sameContentAs(previous)) {
        tally.reject(
            problem(
                row,
                HistoryColumn.ATTEMPT_NUMBER,
                HistoryRule.DUPLICATE_ROW,
                "repeats line " + previous.line() + " exactly; the repeat is ignored"));
      } else {
        tally.reject(
            problem(
                row,
                HistoryColumn.ATTEMPT_NUMBER,
                HistoryRule.DUPLICATE_ROW,
                "attempt "
                    + row.attemptNumber()
                    + " of invoice "
                    + row.invoiceId()
                    + " also on line "
                    + previous.line()
                    + " with other values; the invoice is rejected"));
        tally.countRejected(HistoryRule.REJECTED_WITH_INVOICE, rows.size() - 1L);
        tally.invoiceRejected();
        return null;
      }
    }
    return unique;
  }

  private HistoryProblem firstBrokenRule(List<AttemptRow> attempts) {
    AttemptRow first = attempts.get(0);
    if (first.attemptNumber() != 1) {
      return problem(
          first,
          HistoryColumn.ATTEMPT_NUMBER,
          HistoryRule.ATTEMPTS_NOT_FROM_ONE,
          "invoice " + first.invoiceId() + " starts at attempt " + first.attemptNumber());
    }
    if (first.outcome() == Outcome.SUCCEEDED) {
      return problem(
          first,
          HistoryColumn.OUTCOME,
          HistoryRule.FIRST_ATTEMPT_SUCCEEDED,
          "invoice " + first.invoiceId() + ": attempt 1 succeeded, so nothing failed");
    }
    for (int index = 1; index < attempts.size(); index++) {
      AttemptRow previous = attempts.get(index - 1);
      AttemptRow row = attempts.get(index);
      if (row.attemptNumber() != previous.attemptNumber() + 1) {
        return problem(
            row,
            HistoryColumn.ATTEMPT_NUMBER,
            HistoryRule.ATTEMPT_NUMBER_GAP,
            "invoice "
                + row.invoiceId()
                + " goes from attempt "
                + previous.attemptNumber()
                + " to "
                + row.attemptNumber());
      }
      if (previous.outcome() == Outcome.SUCCEEDED) {
        return problem(
            row,
            HistoryColumn.ATTEMPT_NUMBER,
            HistoryRule.ROW_AFTER_SUCCESS,
            "invoice "
                + row.invoiceId()
                + ": attempt "
                + row.attemptNumber()
                + " follows the success on line "
                + previous.line());
      }
      if (!row.attemptedAt().isAfter(previous.attemptedAt())) {
        return problem(
            row,
            HistoryColumn.ATTEMPTED_AT,
            HistoryRule.ATTEMPTS_OUT_OF_TIME_ORDER,
            "attempt "
                + row.attemptNumber()
                + " at "
                + row.attemptedAt()
                + " is not after attempt "
                + previous.attemptNumber()
                + " at "
                + previous.attemptedAt());
      }
      HistoryColumn differing = differingInvoiceField(first, row);
      if (differing != null) {
        return problem(
            row,
            differing,
            HistoryRule.INCONSISTENT_INVOICE,
            "differs from attempt 1 on line " + first.line());
      }
    }
    return null;
  }

  /** Invoice fields come from the original charge; a later card change does not re-key it. */
  private static Invoice toInvoice(List<AttemptRow> rows) {
    AttemptRow first = rows.get(0);
    List<Attempt> attempts = new ArrayList<>(rows.size());
    for (AttemptRow row : rows) {
      attempts.add(row.toAttempt());
    }
    Optional<String> issuer =
        first.issuerId().isEmpty() ? Optional.empty() : Optional.of(first.issuerId());
    return new Invoice(
        first.invoiceId(),
        first.customerId(),
        first.amountMinor(),
        first.currency(),
        first.billingInterval(),
        first.timezone(),
        first.customerTenureDays(),
        new Card(first.cardBrand(), first.cardFunding(), first.cardCountry(), issuer),
        attempts);
  }

  private static HistoryColumn differingInvoiceField(AttemptRow first, AttemptRow row) {
    if (!first.customerId().equals(row.customerId())) {
      return HistoryColumn.CUSTOMER_ID;
    }
    if (first.amountMinor() != row.amountMinor()) {
      return HistoryColumn.AMOUNT_MINOR;
    }
    if (!first.currency().equals(row.currency())) {
      return HistoryColumn.CURRENCY;
    }
    return null;
  }

  private HistoryProblem problem(
      AttemptRow row, HistoryColumn column, HistoryRule rule, String detail) {
    return new HistoryProblem(tally.file(), row.line(), column, rule, detail);
  }
}
