package dev.smartretry.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The API keys as configured.
 *
 * @param apiKeys comma-separated {@code role:key} pairs, e.g. {@code
 *     billing:k1,admin:k2,viewer:k3}; property {@code smart-retry.api-keys}, environment {@code
 *     SMART_RETRY_API_KEYS}
 */
@ConfigurationProperties("smart-retry")
record ApiKeysConfiguration(@Nullable String apiKeys) {}
