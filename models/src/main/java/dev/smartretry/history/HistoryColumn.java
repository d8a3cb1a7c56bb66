package dev.smartretry.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the attempts CSV, in the spec's order (which is also the order {@link
 * HistoryWriter} writes), then this project's extension. Readers find columns by header name, so
 * the order of a file is free.
 */
public enum HistoryColumn {
  INVOICE_ID(true),
  CUSTOMER_ID(true),
  ATTEMPT_NUMBER(true),
  ATTEMPTED_AT(true),
  AMOUNT_MINOR(true),
  CURRENCY(true),
  BILLING_INTERVAL(true),
  TIMEZONE(true),
  // The three below may be missing from a file altogether: the decision API lets a billing system
  // leave them out too, so a history without them is still usable (as "unknown").
  CUSTOMER_TENURE_DAYS(false),
  CARD_BRAND(true),
  CARD_FUNDING(true),
  CARD_COUNTRY(true),
  ISSUER_ID(false),
  DEVICES_24H(false),
  OUTCOME(true),
  DECLINE_CODE(true),
  /**
   * Not in the spec: the probability with which our planner chose a retry's time (an export of the
   * service's history writes it, empty where unknown). Other readers ignore it, as the spec says of
   * unknown columns; a file without it is the spec's, so its absence is not reported.
   */
  SELECTION_PROBABILITY(false);

  private final boolean required;

  HistoryColumn(boolean required) {
    this.required = required;
  }

  /** Whether a file without this column is rejected. */
  public boolean isRequired() {
    return required;
  }

  /** The header name, e.g. {@code attempted_at}. */
  public String header() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the column is this project's addition rather than the spec's. */
  public boolean isExtension() {
    return this == SELECTION_PROBABILITY;
  }

  public static Optional<HistoryColumn> fromHeader(String header) {
    return Arrays.stream(values()).filter(c -> c.header().equals(header)).findFirst();
  }
}
