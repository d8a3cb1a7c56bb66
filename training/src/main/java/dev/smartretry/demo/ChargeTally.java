package dev.smartretry.demo;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the charge calls answered. Adders rather than a lock: every call touches them, and at a
 * thousand calls a second from several threads a shared lock would be the one place they queue.
 */
final class ChargeTally {
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder repeated = new LongAdder();

  /** One adder per reason, all made up front: the map itself is never written after this. */
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

  ChargeTally() {
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, new LongAdder());
    }
  }

  void answered(ChargeAnswer answer) {
    if (answer.repeated()) {
      repeated.increment();
    } else if (answer.outcome().succeeded()) {
      succeeded.increment();
    } else {
      failed.increment();
    }
  }

  void refused(Refusal refusal) {
    refused.get(refusal).increment();
  }

  GatewayStats stats(LedgerAudit audit, EventReceiver events) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    refused.forEach((refusal, count) -> byReason.put(refusal.wireName(), count.sum()));
    long succeededNow = succeeded.sum();
    long failedNow = failed.sum();
    return new GatewayStats(
        succeededNow + failedNow,
        succeededNow,
        failedNow,
        repeated.sum(),
        byReason.values().stream().mapToLong(Long::longValue).sum(),
        byReason,
        audit.invoicesSeen(),
        audit.keysCharged(),
        audit.doubleCharges(),
        audit.conflictingOutcomes(),
        events.received(),
        events.repeated(),
        events.refused());
  }
}
