/**
 * A demo billing system for the scheduler: the charge endpoint the service calls when a managed
 * retry is due (http-api.md section 2), answered from the generator's world instead of a card
 * network. Invoice {@code in_demo_<index>} is invoice {@code index} of a {@link
 * dev.smartretry.generator.World}, and a charge at {@code attempted_at} meets the outcome the world
 * gives a retry at that instant, so a demo or a benchmark of the scheduler recovers what the world
 * says its retry times would, and its idempotency and ordering can be checked call by call.
 *
 * <p>{@link dev.smartretry.demo.DemoBillingSystem} keeps the books, {@link
 * dev.smartretry.demo.DemoGateway} serves them over HTTP, and {@link
 * dev.smartretry.demo.FailureRegistration} hands a day of the world's failed invoices to the
 * service, as a billing system would after its billing run.
 */
package dev.smartretry.demo;
