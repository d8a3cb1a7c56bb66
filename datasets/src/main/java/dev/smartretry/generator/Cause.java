package dev.smartretry.generator;

import java.util.Locale;
import java.util.Set;

/**
 * Why an invoice's original charge failed: the world's hidden truth, which the decline code only
 * hints at (a masking issuer reports missing funds as a generic decline).
 */
public enum Cause {
  /** The balance or credit line does not cover the invoice until money arrives. */
  FUNDS,
  /** The issuer's risk system blocks the card for hours to days. */
  ISSUER_HOLD,
  /** The card hit a daily limit on the number of transactions. */
  VELOCITY_LIMIT,
  /** A processor or issuer system was briefly down. */
  PROCESSOR_OUTAGE,
  /** The card on file expired; only a replacement card will pay. */
  EXPIRED_CARD,
  /** Lost, stolen, closed or revoked: no retry will ever succeed. */
  HARD_DECLINE,
  /** Anything else soft, with a flat small chance at every retry. */
  OTHER_SOFT_DECLINE;

  static final Set<String> WIRE_NAMES = Check.wireNames(values());

  /** The spelling used in the config, e.g. {@code issuer_hold}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Cause fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
