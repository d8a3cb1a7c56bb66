/**
 * Who may call what. Every {@code /v1} request carries {@code Authorization: Bearer <api key>}; the
 * keys and their roles come from configuration ({@code smart-retry.api-keys}, environment {@code
 * SMART_RETRY_API_KEYS}: comma-separated {@code role:key} pairs). Each controller or method states
 * the role it needs with {@link dev.smartretry.service.security.Allowed}; {@code admin} may use
 * everything, and a {@code /v1} route that states no role is refused to every key. A role may have
 * several keys ({@code admin:old,admin:new}), so that a key is rotated without downtime.
 *
 * <p>Keys are compared by their SHA-256 digests in constant time, and never logged. {@code
 * /health}, {@code /prometheus} and the {@code /dashboard} page are outside {@code /v1} and stay
 * open; the dashboard's figures come from {@code /v1/metrics} with the key its user types in.
 */
package dev.smartretry.service.security;
