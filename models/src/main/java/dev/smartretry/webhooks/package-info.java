/**
 * Signed HTTP calls after the Standard Webhooks specification (https://www.standardwebhooks.com):
 * the service signs its calls to the billing system's charge endpoint and its events with a {@link
 * dev.smartretry.webhooks.WebhookSecret}; a receiver, such as the demo billing system, checks them
 * with {@link dev.smartretry.webhooks.WebhookSignature#verify}.
 */
package dev.smartretry.webhooks;
