package dev.smartretry.service.clock;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The simulation clock, if one is configured; both settings or neither.
 *
 * @param clockSpeed property {@code smart-retry.clock-speed}, environment {@code
 *     SMART_RETRY_CLOCK_SPEED}: how many times faster than real time the clock runs, more than 0
 *     and at most {@value #FASTEST}
 * @param clockStart property {@code smart-retry.clock-start}, environment {@code
 *     SMART_RETRY_CLOCK_START}: the ISO-8601 UTC instant it starts at
 */
@ConfigurationProperties("smart-retry")
record ClockSettings(@Nullable String clockSpeed, @Nullable String clockStart) {
  static final double FASTEST = 1_000_000;
  private static final String SPEED = "SMART_RETRY_CLOCK_SPEED (smart-retry.clock-speed)";
  private static final String START = "SMART_RETRY_CLOCK_START (smart-retry.clock-start)";

  /** The simulation asked for, or empty for the real clock. */
  Optional<Simulation> simulation() {
    boolean speedSet = clockSpeed != null && !clockSpeed.isBlank();
    boolean startSet = clockStart != null && !clockStart.isBlank();
    if (!speedSet && !startSet) {
      return Optional.empty();
    }
    if (!speedSet || !startSet) {
      throw new ConfigurationException(
          "A simulation clock needs both "
              + SPEED
              + " and "
              + START
              + "; only "
              + (speedSet ? SPEED : START)
              + " is set");
    }
    return Optional.of(new Simulation(start(clockStart.strip()), speed(clockSpeed.strip())));
  }

  /** A simulation clock's settings, checked. */
  record Simulation(Instant start, double speed) {}

  private static double speed(String text) {
    double speed;
    try {
      speed = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      speed = Double.NaN;
    }
    if (!(speed > 0 && speed <= FASTEST)) {
      throw new ConfigurationException(
          SPEED + " must be a number above 0 and at most " + (long) FASTEST + ", not " + text);
    }
    return speed;
  }

  private static Instant start(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(
          START + " must be an ISO-8601 UTC instant such as 2026-03-01T00:00:00Z, not " + text);
    }
  }
}
