/**
 * Events out (docs/http-api.md, section 7): what became of a plan, told to the billing system's
 * webhook endpoints, signed after Standard Webhooks.
 *
 * <p>The {@link dev.smartretry.service.events.Outbox} writes an event, and a delivery per endpoint
 * that wants it, in the transaction of the plan change the event tells of: no event is lost, and
 * none is sent for a change that rolled back. The {@link
 * dev.smartretry.service.events.WebhookDispatcher} claims due deliveries with the scheduler's one
 * mechanism ({@link dev.smartretry.service.scheduler.DueWork}), sends them and records each try.
 */
package dev.smartretry.service.events;
