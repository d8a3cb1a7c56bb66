package dev.smartretry.features;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.Invoice;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything known when the next retry of an invoice is decided, and nothing more: the invoice's
 * fields, its failed attempts so far (oldest first, the original charge first) and the last
 * observed {@code devices_24h}.
 */
public record DecisionContext(
    long amountMinor,
    String currency,
    BillingInterval billingInterval,
    ZoneId timezone,
    OptionalInt customerTenureDays,
    Card card,
    List<PastAttempt> attempts,
    OptionalInt lastDevices24h) {
  public DecisionContext {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(billingInterval, "billingInterval");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(customerTenureDays, "customerTenureDays");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(lastDevices24h, "lastDevices24h");
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a decision follows at least the original charge");
    }
  }

  /**
   * The context in which attempt {@code attemptIndex} (0-based, at least 1) of a history invoice
   * was decided: the attempts before it, and the devices seen on the one just before it.
   */
  public static DecisionContext beforeAttempt(Invoice invoice, int attemptIndex) {
    if (attemptIndex < 1 || attemptIndex > invoice.attempts().size()) {
      throw new IllegalArgumentException("no retry decision before attempt index " + attemptIndex);
    }
    List<PastAttempt> known = new ArrayList<>(attemptIndex);
    for (Attempt attempt : invoice.attempts().subList(0, attemptIndex)) {
      known.add(new PastAttempt(attempt.attemptedAt(), attempt.declineCode()));
    }
    return new DecisionContext(
        invoice.amountMinor(),
        invoice.currency(),
        invoice.billingInterval(),
        invoice.timezone(),
        invoice.customerTenureDays(),
        invoice.card(),
        known,
        invoice.attempts().get(attemptIndex - 1).devices24h());
  }

  /**
   * This context after one more retry failed at {@code at} with the previous attempt's code: what
   * would be known then, as far as it can be known now. No advice code is assumed.
   */
  public DecisionContext afterFailedRetry(Instant at) {
    List<PastAttempt> known = new ArrayList<>(attempts);
    known.add(new PastAttempt(at, previousAttempt().declineCode()));
    return withAttempts(known);
  }

  /**
   * This context with its previous retry made at {@code at} instead.
   *
   * @throws IllegalArgumentException when the previous attempt is the original charge, whose time
   *     is the first failure's
   */
  public DecisionContext withPreviousAttemptAt(Instant at) {
    if (attempts.size() < 2) {
      throw new IllegalArgumentException("only a retry can be moved, not the original charge");
    }
    List<PastAttempt> known = new ArrayList<>(attempts);
    PastAttempt previous = previousAttempt();
    known.set(
        known.size() - 1,
        new PastAttempt(at, previous.declineCode(), previous.networkAdviceCode()));
    return withAttempts(known);
  }

  private DecisionContext withAttempts(List<PastAttempt> known) {
    return new DecisionContext(
        amountMinor,
        currency,
        billingInterval,
        timezone,
        customerTenureDays,
        card,
        known,
        lastDevices24h);
  }

  public Instant firstFailureAt() {
    return attempts.get(0).attemptedAt();
  }

  public PastAttempt previousAttempt() {
    return attempts.get(attempts.size() - 1);
  }

  /** The number of the retry being decided: 1 right after the original charge. */
  public int nextRetryNumber() {
    return attempts.size();
  }
}
