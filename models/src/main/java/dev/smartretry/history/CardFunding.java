package dev.smartretry.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the card's money comes from: the cardholder's account, a credit line, or a prepaid balance.
 */
public enum CardFunding {
  CREDIT,
  DEBIT,
  PREPAID,
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CardFunding> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }
}
