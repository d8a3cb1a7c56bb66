package dev.smartretry.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The result of one payment attempt. */
public enum Outcome {
  SUCCEEDED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Outcome> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }
}
