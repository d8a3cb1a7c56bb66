package dev.smartretry.history;

import java.util.Locale;

/**
 * The rules of the attempts format that a reader enforces. File rules stop the read whatever the
 * mode; row and invoice rules reject the row or the invoice in lenient mode and stop a strict read.
 */
public enum HistoryRule {
  EMPTY_FILE(Scope.FILE, "the file is empty"),
  NOT_CSV(Scope.FILE, "the file is not a UTF-8 CSV text file"),
  TRUNCATED_FILE(Scope.FILE, "the file ends early (truncated or corrupt)"),
  MISSING_COLUMN(Scope.FILE, "a required column is missing from the header"),
  DUPLICATE_COLUMN(Scope.FILE, "a column appears twice in the header"),
  NO_ROWS(Scope.FILE, "the file has a header but no attempt rows"),
  MALFORMED_ROW(Scope.ROW, "the row has a different number of fields than the header"),
  MISSING_VALUE(Scope.ROW, "a required value is empty"),
  UNPARSABLE_VALUE(Scope.ROW, "a value cannot be parsed"),
  UNKNOWN_TIME_ZONE(Scope.ROW, "the time zone is not an IANA zone id"),
  UNKNOWN_CURRENCY(Scope.ROW, "the currency is not an ISO 4217 code"),
  UNKNOWN_COUNTRY(Scope.ROW, "the card country is not an ISO 3166-1 alpha-2 code"),
  NON_POSITIVE_AMOUNT(Scope.ROW, "amount_minor must be greater than zero"),
  NEGATIVE_VALUE(Scope.ROW, "the value must be zero or more"),
  INVALID_ATTEMPT_NUMBER(Scope.ROW, "attempt_number must be 1 or more"),
  SUCCESS_WITH_DECLINE_CODE(Scope.ROW, "a succeeded attempt has a decline code"),
  FAILURE_WITHOUT_DECLINE_CODE(Scope.ROW, "a failed attempt has no decline code"),
  DUPLICATE_ROW(Scope.INVOICE, "the same invoice_id and attempt_number appear twice"),
  ATTEMPTS_NOT_FROM_ONE(Scope.INVOICE, "the invoice's attempt numbers do not start at 1"),
  ATTEMPT_NUMBER_GAP(Scope.INVOICE, "the invoice's attempt numbers skip a number"),
  FIRST_ATTEMPT_SUCCEEDED(Scope.INVOICE, "the original charge (attempt 1) must have failed"),
  ROW_AFTER_SUCCESS(Scope.INVOICE, "the invoice has an attempt after a succeeded one"),
  ATTEMPTS_OUT_OF_TIME_ORDER(
      Scope.INVOICE, "an attempt is not later than the attempt numbered before it"),
  INCONSISTENT_INVOICE(
      Scope.INVOICE, "customer_id, amount_minor or currency differ between the invoice's rows"),
  REJECTED_WITH_INVOICE(
      Scope.INVOICE, "the row is valid, but another row of its invoice broke a rule");

  /** What a broken rule rejects in lenient mode. */
  public enum Scope {
    FILE,
    ROW,
    INVOICE
  }

  private final Scope scope;
  private final String description;

  HistoryRule(Scope scope, String description) {
    this.scope = scope;
    this.description = description;
  }

  public Scope scope() {
    return scope;
  }

  public String description() {
    return description;
  }

  /** The short name used in reports, e.g. {@code attempt_number_gap}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
