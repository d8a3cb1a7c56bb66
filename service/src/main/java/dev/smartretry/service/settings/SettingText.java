package dev.smartretry.service.settings;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import java.time.Duration;
import java.util.Locale;

/** A setting's text turned into its value, or refused naming the setting. Blank is absent. */
public final class SettingText {
  private SettingText() {}

  /**
   * A duration written {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1d} or ISO-8601 ({@code
   * PT30S}), as Micronaut reads durations; null when absent.
   *
   * @param setting the setting's name for the error, e.g. {@code SMART_RETRY_SCHEDULER_LEASE}
   */
  public static @Nullable Duration duration(@Nullable String text, String setting) {
    if (absent(text)) {
      return null;
    }
    return ConversionService.SHARED
        .convert(text.strip(), Duration.class)
        .orElseThrow(
            () -> refused(setting, text, "a duration such as 500ms, 30s, 2m, 1d or PT30S"));
  }

  /** A duration longer than zero; {@code absent} when absent. */
  public static Duration positiveDuration(@Nullable String text, String setting, Duration absent) {
    Duration value = duration(text, setting);
    if (value == null) {
      return absent;
    }
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(setting + " must be longer than zero");
    }
    return value;
  }

  /** A whole number of at least 1; {@code absent} when absent. */
  public static int atLeastOne(@Nullable String text, String setting, int absent) {
    Integer value = integer(text, setting);
    if (value == null) {
      return absent;
    }
    if (value < 1) {
      throw new ConfigurationException(setting + " must be at least 1, not " + value);
    }
    return value;
  }

  /** A whole number; null when absent. */
  public static @Nullable Integer integer(@Nullable String text, String setting) {
    if (absent(text)) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw refused(setting, text, "a whole number");
    }
  }

  /** {@code true} or {@code false}, in any case; {@code absent} when absent. */
  public static boolean flag(@Nullable String text, String setting, boolean absent) {
    if (absent(text)) {
      return absent;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw refused(setting, text, "true or false");
    };
  }

  private static boolean absent(@Nullable String text) {
    return text == null || text.isBlank();
  }

  private static ConfigurationException refused(String setting, String text, String expected) {
    return new ConfigurationException(setting + " must be " + expected + ", not " + text.strip());
  }
}
