package dev.smartretry.generator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * @param firstFailureFrom first day (UTC, ISO date) on which an invoice's original charge fails
 * @param firstFailureTo last such day, inclusive; days in between are equally likely
 * @param billingRunMinutes the billing system runs every hour on the hour, spread over the day in
 *     UTC; a run's charges go out within this many minutes of the hour
 */
public record HistoryWindow(String firstFailureFrom, String firstFailureTo, int billingRunMinutes) {
  public HistoryWindow {
    LocalDate from = date("history.firstFailureFrom", firstFailureFrom);
    LocalDate to = date("history.firstFailureTo", firstFailureTo);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("history.firstFailureTo is before firstFailureFrom");
    }
    Check.range("history.billingRunMinutes", billingRunMinutes, 1, 60);
  }

  LocalDate fromDate() {
    return LocalDate.parse(firstFailureFrom);
  }

  LocalDate toDate() {
    return LocalDate.parse(firstFailureTo);
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(Check.present(field, value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO date: " + value);
    }
  }
}
