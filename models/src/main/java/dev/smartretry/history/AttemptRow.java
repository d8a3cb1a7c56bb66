package dev.smartretry.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One CSV row that passed the row rules, with the line it came from so that invoice rules can still
 * point at it after sorting. Internal to the reader: downstream code sees {@link Invoice}.
 */
record AttemptRow(
    long line,
    String invoiceId,
    String customerId,
    int attemptNumber,
    Instant attemptedAt,
    long amountMinor,
    String currency,
    BillingInterval billingInterval,
    ZoneId timezone,
    OptionalInt customerTenureDays,
    CardBrand cardBrand,
    CardFunding cardFunding,
    String cardCountry,
    String issuerId,
    OptionalInt devices24h,
    Outcome outcome,
    DeclineCode declineCode,
    OptionalDouble selectionProbability) {

  /** Groups an invoice's rows together, in attempt order; the line keeps the sort total. */
  static final Comparator<AttemptRow> INVOICE_ORDER =
      Comparator.comparing(AttemptRow::invoiceId)
          .thenComparingInt(AttemptRow::attemptNumber)
          .thenComparingLong(AttemptRow::line);

  Attempt toAttempt() {
    return new Attempt(
        attemptNumber, attemptedAt, outcome, declineCode, devices24h, selectionProbability);
  }

  /** Whether two rows say the same thing, wherever in the file they stand. */
  boolean sameContentAs(AttemptRow other) {
    return invoiceId.equals(other.invoiceId)
        && customerId.equals(other.customerId)
        && attemptNumber == other.attemptNumber
        && attemptedAt.equals(other.attemptedAt)
        && amountMinor == other.amountMinor
        && currency.equals(other.currency)
        && billingInterval == other.billingInterval
        && timezone.equals(other.timezone)
        && customerTenureDays.equals(other.customerTenureDays)
        && cardBrand == other.cardBrand
        && cardFunding == other.cardFunding
        && cardCountry.equals(other.cardCountry)
        && issuerId.equals(other.issuerId)
        && devices24h.equals(other.devices24h)
        && outcome == other.outcome
        && declineCode == other.declineCode
        && selectionProbability.equals(other.selectionProbability);
  }
}
