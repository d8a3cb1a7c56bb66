package dev.smartretry.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The subscription's period, or a one-off invoice. */
public enum BillingInterval {
  WEEK,
  MONTH,
  YEAR,
  ONE_OFF;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BillingInterval> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }
}
