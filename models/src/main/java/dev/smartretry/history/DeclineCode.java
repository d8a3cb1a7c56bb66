package dev.smartretry.history;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The decline-code vocabulary of the attempts dataset spec. Hard declines are the ones the card
 * networks forbid or discourage retrying; no retry may ever be scheduled after one.
 */
public enum DeclineCode {
  INSUFFICIENT_FUNDS(false),
  DO_NOT_HONOR(false),
  GENERIC_DECLINE(false),
  CARD_VELOCITY_EXCEEDED(false),
  WITHDRAWAL_COUNT_LIMIT_EXCEEDED(false),
  PROCESSING_ERROR(false),
  TRY_AGAIN_LATER(false),
  ISSUER_NOT_AVAILABLE(false),
  EXPIRED_CARD(false),
  AUTHENTICATION_REQUIRED(false),
  APPROVE_WITH_ID(false),
  REENTER_TRANSACTION(false),
  TRANSACTION_NOT_ALLOWED(false),
  CALL_ISSUER(false),
  LOST_CARD(true),
  STOLEN_CARD(true),
  PICKUP_CARD(true),
  FRAUDULENT(true),
  RESTRICTED_CARD(true),
  INVALID_ACCOUNT(true),
  INCORRECT_NUMBER(true),
  DO_NOT_TRY_AGAIN(true),
  REVOCATION_OF_AUTHORIZATION(true),
  REVOCATION_OF_ALL_AUTHORIZATIONS(true),
  STOP_PAYMENT_ORDER(true),
  SECURITY_VIOLATION(true),
  CARD_NOT_SUPPORTED(true),
  CURRENCY_NOT_SUPPORTED(true),
  MERCHANT_BLACKLIST(true),
  /** A code outside the vocabulary; kept so the attempt still counts, and reported. */
  OTHER(false);

  private static final Map<String, DeclineCode> BY_WIRE_NAME = new HashMap<>();

  static {
    for (DeclineCode code : values()) {
      BY_WIRE_NAME.put(code.wireName(), code);
    }
  }

  private final boolean hard;

  DeclineCode(boolean hard) {
    this.hard = hard;
  }

  /** True when the card networks forbid or discourage retrying the same card. */
  public boolean isHard() {
    return hard;
  }

  /** The spelling used in CSV files and JSON, e.g. {@code insufficient_funds}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code with this spelling, or empty when it is not in the vocabulary. */
  public static Optional<DeclineCode> fromWireName(String wireName) {
    return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
  }
}
