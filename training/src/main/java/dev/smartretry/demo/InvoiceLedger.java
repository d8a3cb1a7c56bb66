package dev.smartretry.demo;

import dev.smartretry.generator.Play;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One invoice's charges: its {@link Play} in the world and the log of every charge made. Each
 * ledger is its own lock, so two calls on one invoice (two service instances sending the same key)
 * are ordered while calls on other invoices go on.
 */
final class InvoiceLedger {
  private final String invoiceId;
  private final Play play;

  /**
   * Every charge made, in order. The answer to a repeated key is looked up here rather than kept in
   * a map by key, so that the audit checks the log as written instead of a structure that could not
   * show a double charge if one happened.
   */
  private final List<Charge> charges = new ArrayList<>();

  private record Charge(int retryNumber, ChargeOutcome outcome) {}

  InvoiceLedger(String invoiceId, WorldInvoice invoice) {
    this.invoiceId = invoiceId;
    this.play = invoice.newPlay();
  }

  /**
   * The stored outcome when this retry was charged before; else a new retry in the world at the
   * call's {@code attempted_at}, if it is the next one.
   *
   * @throws RefusedCall when the amount or currency is not the invoice's, the retry number skips
   *     one, the invoice is recovered or the call is not after the previous attempt
   */
  synchronized ChargeAnswer charge(ChargeCall call) {
    checkDetails(call);
    Optional<Charge> earlier = charged(call.retryNumber());
    if (earlier.isPresent()) {
      return new ChargeAnswer(earlier.get().outcome(), true);
    }
    if (play.recovered()) {
      throw new RefusedCall(
          Refusal.ALREADY_RECOVERED,
          "retry_number: "
              + invoiceId
              + " was recovered by retry "
              + play.retries()
              + "; there is no retry "
              + call.retryNumber());
    }
    int next = play.retries() + 1;
    if (call.retryNumber() != next) {
      throw new RefusedCall(
          Refusal.SKIPPED_RETRY,
          "retry_number: "
              + call.retryNumber()
              + " skips retry "
              + next
              + " of "
              + invoiceId
              + ", which has had "
              + play.retries()
              + (play.retries() == 1 ? " retry" : " retries"));
    }
    Instant previous = play.lastAttempt().attemptedAt();
    if (!call.attemptedAt().isAfter(previous)) {
      throw new RefusedCall(
          Refusal.OUT_OF_ORDER,
          "attempted_at: "
              + call.attemptedAt()
              + " is not after the previous attempt of "
              + invoiceId
              + " at "
              + previous);
    }
    Attempt attempt = play.attempt(call.attemptedAt());
    ChargeOutcome outcome = ChargeOutcome.of(attempt);
    charges.add(new Charge(call.retryNumber(), outcome));
    return new ChargeAnswer(outcome, false);
  }

  synchronized LedgerAudit audit() {
    Map<Integer, List<ChargeOutcome>> byKey = new HashMap<>();
    for (Charge charge : charges) {
      byKey.computeIfAbsent(charge.retryNumber(), key -> new ArrayList<>()).add(charge.outcome());
    }
    long doubles = byKey.values().stream().filter(outcomes -> outcomes.size() > 1).count();
    long conflicts =
        byKey.values().stream()
            .filter(outcomes -> outcomes.stream().distinct().count() > 1)
            .count();
    return new LedgerAudit(1, byKey.size(), doubles, conflicts);
  }

  private void checkDetails(ChargeCall call) {
    WorldInvoice invoice = play.worldInvoice();
    if (call.amountMinor() != invoice.amountMinor()) {
      throw new RefusedCall(
          Refusal.INVOICE_MISMATCH,
          "amount_minor: "
              + invoiceId
              + " is for "
              + invoice.amountMinor()
              + ", not "
              + call.amountMinor());
    }
    if (!call.currency().equals(invoice.currency())) {
      throw new RefusedCall(
          Refusal.INVOICE_MISMATCH,
          "currency: " + invoiceId + " is in " + invoice.currency() + ", not " + call.currency());
    }
  }

  private Optional<Charge> charged(int retryNumber) {
    return charges.stream().filter(charge -> charge.retryNumber() == retryNumber).findFirst();
  }
}
