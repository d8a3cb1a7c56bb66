package dev.smartretry.service.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the billing system should do with an invoice once its retries are used up, or its time has
 * run out, without recovering it. The service reports it; the billing system acts on it.
 */
public enum FinalAction {
  /** Close the invoice as uncollectible; the subscription stays as it is. */
  MARK_UNCOLLECTIBLE,
  /** Cancel the subscription the invoice belongs to. */
  CANCEL_SUBSCRIPTION,
  /** Leave the invoice open (past due) for the merchant to handle. */
  LEAVE_OPEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FinalAction> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }

  static String wireNames() {
    return Arrays.stream(values()).map(FinalAction::wireName).collect(Collectors.joining(", "));
  }
}
