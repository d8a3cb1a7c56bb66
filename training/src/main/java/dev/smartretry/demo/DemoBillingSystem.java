package dev.smartretry.demo;

import dev.smartretry.generator.World;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo billing system's books: invoices {@code firstInvoice, firstInvoice + 1, ...} of a
 * generator {@link World}, named {@code in_demo_<index>}, and an {@link InvoiceLedger} for each one
 * charged. Since the world draws the same invoice for an index every time, the id alone says
 * everything about an invoice; only what was charged is kept.
 *
 * <p>Thread-safe: calls on different invoices never wait for each other.
 */
public final class DemoBillingSystem {
  private static final String ID_PREFIX = "in_demo_";

  // Digits without a leading zero: in_demo_01 and in_demo_1 naming one invoice would give each of
  // its retries two idempotency keys, and the second would be charged again. At most 18 digits,
  // so that every match is a long.
  private static final Pattern ID = Pattern.compile("in_demo_(0|[1-9][0-9]{0,17})");

  private final World world;
  private final long firstInvoice;
  private final ConcurrentMap<Long, InvoiceLedger> ledgers = new ConcurrentHashMap<>();

  /**
   * @param firstInvoice the least index charged: indices below it are the ones generated histories
   *     (and so the shipped model) are made of
   */
  public DemoBillingSystem(World world, long firstInvoice) {
    this.world = Objects.requireNonNull(world, "world");
    if (firstInvoice < 0) {
      throw new IllegalArgumentException("the first invoice index must not be negative");
    }
    this.firstInvoice = firstInvoice;
  }

  /** The id of world invoice {@code index} at this billing system. */
  public static String invoiceId(long index) {
    return ID_PREFIX + index;
  }

  public World world() {
    return world;
  }

  /**
   * Answers a charge call: the stored outcome when its retry was charged before (nothing is charged
   * again), else the outcome of a new retry in the world at its {@code attempted_at}.
   *
   * @throws RefusedCall when the call cannot be answered with an outcome, saying why
   */
  public ChargeAnswer charge(ChargeCall call) {
    long index = index(call.invoiceId());
    return ledgers
        .computeIfAbsent(index, known -> new InvoiceLedger(call.invoiceId(), world.draw(known)))
        .charge(call);
  }

  /** The audit of every invoice charged so far. */
  public LedgerAudit audit() {
    LedgerAudit total = LedgerAudit.EMPTY;
    for (InvoiceLedger ledger : ledgers.values()) {
      total = total.plus(ledger.audit());
    }
    return total;
  }

  private long index(String invoiceId) {
    Matcher matcher = ID.matcher(invoiceId);
    long index = matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    if (index < firstInvoice) {
      throw new RefusedCall(
          Refusal.UNKNOWN_INVOICE,
          "invoice_id: "
              + invoiceId
              + " is not an invoice of this billing system (in_demo_<index>, index "
              + firstInvoice
              + " or more)");
    }
    return index;
  }
}
