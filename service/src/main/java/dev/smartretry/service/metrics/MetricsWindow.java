package dev.smartretry.service.metrics;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The window a metric covers: invoices whose first failure is in {@code [from, to)}, a cohort as
 * billing platforms count it (docs/http-api.md, section 4). Without {@code to}, it ends now;
 * without {@code from}, it starts {@link #DEFAULT_LENGTH} before its end.
 */
public record MetricsWindow(Instant from, Instant to) {
  static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
  // About five years: a bound on a query's work, longer than any dashboard looks back.
  static final Duration LONGEST = Duration.ofDays(1830);

  /**
   * The window the query parameters ask for.
   *
   * @throws ServiceProblem 400 naming {@code from} or {@code to} when they are not instants, or do
   *     not make a window
   */
  static MetricsWindow parse(@Nullable String from, @Nullable String to, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    Instant end = instant(errors, "to", to, now);
    Instant start = end == null ? null : instant(errors, "from", from, end.minus(DEFAULT_LENGTH));
    if (start != null && end != null) {
      if (!start.isBefore(end)) {
        errors.add(new FieldError("from", "must be before to, " + end));
      } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
        errors.add(
            new FieldError("from", "must be at most " + LONGEST.toDays() + " days before to"));
      }
    }
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    return new MetricsWindow(start, end);
  }

  private static @Nullable Instant instant(
      List<FieldError> errors, String field, @Nullable String text, Instant absent) {
    if (text == null) {
      return absent;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(field, "must be an ISO-8601 UTC instant, e.g. 2026-03-01T00:00:00Z"));
      return null;
    }
  }
}
