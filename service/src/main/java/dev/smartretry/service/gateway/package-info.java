/**
 * The billing system's charge endpoint ({@code SMART_RETRY_GATEWAY_URL}, docs/http-api.md section
 * 2): one call per due retry, with the retry's idempotency key, signed when {@code
 * SMART_RETRY_GATEWAY_SECRET} is set, answered by an outcome or by something that is not one (a
 * timeout, a refused connection, a non-2xx status, a body that is no outcome), which the scheduler
 * tries again later with the same key.
 */
package dev.smartretry.service.gateway;
