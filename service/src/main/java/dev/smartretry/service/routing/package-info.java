/**
 * Routing rules (docs/http-api.md, section 3): an ordered list, managed by admins over {@code
 * /v1/policy-rules}, that sends an invoice to a policy by its billing interval, amount, currency,
 * card and metadata. {@link dev.smartretry.service.routing.PolicyRouter} picks the policy of the
 * first rule whose conditions all hold, else {@code default}; it reads the stored rules at every
 * call, so a new list applies to the next decision.
 */
package dev.smartretry.service.routing;
