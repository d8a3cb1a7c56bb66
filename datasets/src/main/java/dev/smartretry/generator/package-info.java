/**
 * The synthetic attempt-history generator: one imagined world of card declines, and the legacy
 * retry policy that explored it.
 *
 * <p>A {@link dev.smartretry.generator.World}, fixed by a {@link
 * dev.smartretry.generator.WorldConfig} and a seed, is an endless numbered sequence of failed
 * invoices. Each {@link dev.smartretry.generator.WorldInvoice} carries what a billing system sees
 * (invoice, card, the failed original charge) and the hidden truth behind it (its {@link
 * dev.smartretry.generator.Cause}, the customer's {@link dev.smartretry.generator.PayCalendar} and
 * deposits, when a hold clears). A {@link dev.smartretry.generator.Play} retries it: it gives the
 * exact chance that a retry at a given time succeeds (for an oracle) and makes retries, each
 * decided by that retry number's own uniform, so every policy played on an invoice meets the same
 * luck.
 *
 * <p>The effects a model should learn each live in a small class named after their domain noun: pay
 * days and overnight deposits spent again during waking hours ({@code BankAccount}, {@code
 * FundsShortage}), issuer holds extended by early retries ({@code IssuerHold}), daily limits that
 * reset at local midnight ({@code VelocityLimit}), short outages ({@code ProcessorOutage}), expired
 * cards and the network updater ({@code ExpiredCard}, {@code AccountUpdater}), hard declines
 * ({@code HardDecline}), issuers masking missing funds ({@code Issuer}) and the {@code devices_24h}
 * signal of the customer's {@code Engagement}. datasets/README.md describes each, with the rates
 * the defaults produce.
 *
 * <p>{@link dev.smartretry.generator.HistoryGenerator} plays every invoice with the exploring
 * {@code LegacyRetryPolicy} and writes the history in the attempts format, byte-identical for the
 * same config and seed whatever the number of threads.
 */
package dev.smartretry.generator;
