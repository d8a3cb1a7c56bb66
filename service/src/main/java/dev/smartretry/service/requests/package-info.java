/**
 * What every request carries through the service: its {@link
 * dev.smartretry.service.requests.RequestId}, taken from a sane {@code X-Request-Id} header or made
 * up, echoed in the answer, in problem documents ({@code request_id}) and in the logging MDC.
 */
package dev.smartretry.service.requests;
