package dev.smartretry.service.problem;

import io.micronaut.core.type.Argument;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** What a client should have sent for a value of a given Java type, in the API's terms. */
final class ValueKinds {
  private static final Set<Class<?>> WHOLE_NUMBERS =
      Set.of(
          Integer.class,
          int.class,
          Long.class,
          long.class,
          Short.class,
          short.class,
          Byte.class,
          byte.class,
          BigInteger.class);

  private ValueKinds() {}

  static String expectation(Argument<?> argument) {
    return "must be " + describe(argument);
  }

  static String describe(Argument<?> argument) {
    Class<?> type = argument.getType();
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (WHOLE_NUMBERS.contains(type)) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      return "an ISO-8601 instant in UTC, such as 2026-03-01T14:05:00Z";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date, such as 2026-03-01";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration, such as P14D";
    }
    if (ZoneId.class.isAssignableFrom(type)) {
      return "an IANA time zone, such as Europe/Paris";
    }
    if (type.isEnum()) {
      return "one of the accepted values";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "a value of the expected form";
  }
}
