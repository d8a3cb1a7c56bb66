package dev.smartretry.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Card network of the payment method. */
public enum CardBrand {
  VISA,
  MASTERCARD,
  AMEX,
  DISCOVER,
  JCB,
  UNIONPAY,
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CardBrand> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }
}
