package dev.smartretry.service.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A duration as policies hold it: ISO-8601 in whole days, hours, minutes and seconds ({@code P14D},
 * {@code PT6H}, {@code P1DT12H}), positive, and kept as written so that {@code P14D} comes back as
 * {@code P14D} rather than {@code PT336H}.
 *
 * @param text the ISO-8601 form as written
 * @param value its length
 */
public record IsoDuration(String text, Duration value) implements Comparable<IsoDuration> {
  // The iso_duration domain of V1__policies.sql: what the database accepts.
  private static final Pattern FORM =
      Pattern.compile("P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?");
  // Years, months and weeks before the T: calendar units, refused because a month or a year
  // has no fixed length.
  private static final Pattern CALENDAR_UNITS = Pattern.compile("P[^T]*[YMW].*");

  public IsoDuration {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException if it is not such a duration; the message says why, for the
   *     client
   */
  public static IsoDuration parse(String text) {
    IsoDuration duration = parseAllowingZero(text);
    if (duration.value().isZero()) {
      throw new IllegalArgumentException("must be longer than zero");
    }
    return duration;
  }

  /** As {@link #parse}, but zero ({@code PT0S}) is allowed: a period that may be none. */
  public static IsoDuration parseAllowingZero(String text) {
    if (!FORM.matcher(text).matches()) {
      if (CALENDAR_UNITS.matcher(text).matches()) {
        throw new IllegalArgumentException(
            "must not use years, months or weeks, whose length varies; use days, such as P30D");
      }
      throw new IllegalArgumentException(
          "must be an ISO-8601 duration in whole days, hours, minutes and seconds,"
              + " such as P14D, PT6H or P1DT12H");
    }
    Duration value;
    try {
      value = Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("is too long", e);
    }
    return new IsoDuration(text, value);
  }

  public boolean isLongerThan(IsoDuration other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(IsoDuration other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text;
  }
}
