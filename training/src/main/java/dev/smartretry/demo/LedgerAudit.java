package dev.smartretry.demo;

/**
 * A count over the stored charges of every invoice: what the scheduler's guarantees promise is zero
 * is counted, not assumed.
 *
 * @param invoicesSeen invoices the gateway was called about
 * @param keysCharged distinct (invoice, retry number) pairs charged
 * @param doubleCharges pairs charged more than once
 * @param conflictingOutcomes pairs whose stored charges disagree on the outcome
 */
public record LedgerAudit(
    long invoicesSeen, long keysCharged, long doubleCharges, long conflictingOutcomes) {
  static final LedgerAudit EMPTY = new LedgerAudit(0, 0, 0, 0);

  LedgerAudit plus(LedgerAudit other) {
    return new LedgerAudit(
        invoicesSeen + other.invoicesSeen,
        keysCharged + other.keysCharged,
        doubleCharges + other.doubleCharges,
        conflictingOutcomes + other.conflictingOutcomes);
  }
}
