package dev.smartretry.demo;

import java.util.Map;

/**
 * What {@code GET /stats} answers: the calls the gateway answered since it started, and the audit
 * of its stored charges.
 *
 * @param charges retries charged in the world (repeated calls excluded)
 * @param succeeded charges that recovered their invoice
 * @param failed charges that were declined
 * @param repeatedCalls calls answered with the stored outcome of a retry charged before
 * @param refused calls answered with an error instead of an outcome
 * @param refusedByReason those, by {@link Refusal#wireName()}, every reason listed
 * @param invoicesSeen invoices the gateway was called about
 * @param keysCharged distinct (invoice, retry number) pairs charged; equals {@code charges}
 * @param doubleCharges pairs charged more than once: 0, or the gateway is broken
 * @param conflictingOutcomes pairs stored with two different outcomes: 0, or the gateway is broken
 * @param eventsReceived events received at {@code POST /events} with a valid signature, each once
 * @param eventsRepeated events received again (the same {@code webhook-id}): at-least-once delivery
 * @param eventsRefused events refused for their signature or size
 */
public record GatewayStats(
    long charges,
    long succeeded,
    long failed,
    long repeatedCalls,
    long refused,
    Map<String, Long> refusedByReason,
    long invoicesSeen,
    long keysCharged,
    long doubleCharges,
    long conflictingOutcomes,
    long eventsReceived,
    long eventsRepeated,
    long eventsRefused) {}
