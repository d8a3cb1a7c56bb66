/**
 * Retry policies (docs/http-api.md, section 3): the merchant's limits on retrying an invoice,
 * stored in PostgreSQL and managed by admins over {@code /v1/policies}.
 *
 * <p>{@link dev.smartretry.service.policy.Policy} is the service's form of a policy and converts to
 * the planner's {@link dev.smartretry.planner.RetryPolicy}; {@link
 * dev.smartretry.service.policy.PolicyStore#find} reads the stored one at every call, so a change
 * applies to the next decision without a restart. {@link dev.smartretry.service.policy.PolicyJson}
 * is its JSON form, read with the defaults and checks of the API. The {@code default} policy always
 * exists.
 */
package dev.smartretry.service.policy;
