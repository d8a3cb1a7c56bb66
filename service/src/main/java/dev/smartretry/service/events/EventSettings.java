package dev.smartretry.service.events;

import dev.smartretry.service.settings.SettingText;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How events go out.
 *
 * @param secretKey {@code SMART_RETRY_SECRET_KEY}: 32 random bytes in base64 that seal the
 *     endpoints' signing secrets in the database; required once an endpoint exists
 * @param webhooksAllowPrivate {@code SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE}: {@code true} lets
 *     endpoints resolve to loopback, link-local and private addresses (a receiver on this machine
 *     or this network); default false
 * @param webhookTimeout {@code SMART_RETRY_WEBHOOK_TIMEOUT}: how long an endpoint may take to
 *     answer, default 15 s (the spec's)
 * @param webhookConcurrency {@code SMART_RETRY_WEBHOOK_CONCURRENCY}: tries under way at once to one
 *     endpoint, across all instances, default 32, so that a slow or dead endpoint holds only its
 *     own share of the dispatchers
 */
@ConfigurationProperties("smart-retry")
public record EventSettings(
    @Nullable String secretKey,
    @Nullable String webhooksAllowPrivate,
    @Nullable String webhookTimeout,
    @Nullable String webhookConcurrency) {
  static final String SECRET_KEY = "SMART_RETRY_SECRET_KEY";
  private static final int KEY_BYTES = 32;

  /**
   * The key that seals secrets; empty when none is configured.
   *
   * @throws ConfigurationException if one is configured but is not 32 bytes in base64; the message
   *     names the variable and never repeats its value
   */
  Optional<SecretBox> secretBox() {
    if (secretKey == null || secretKey.isBlank()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secretKey.strip());
    } catch (IllegalArgumentException notBase64) {
      throw malformedKey();
    }
    if (key.length != KEY_BYTES) {
      throw malformedKey();
    }
    return Optional.of(new SecretBox(key));
  }

  boolean allowPrivate() {
    return SettingText.flag(webhooksAllowPrivate, "SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE", false);
  }

  Duration timeout() {
    return SettingText.positiveDuration(
        webhookTimeout, "SMART_RETRY_WEBHOOK_TIMEOUT", Duration.ofSeconds(15));
  }

  int concurrencyPerEndpoint() {
    return SettingText.atLeastOne(webhookConcurrency, "SMART_RETRY_WEBHOOK_CONCURRENCY", 64);
  }

  private static ConfigurationException malformedKey() {
    return new ConfigurationException(
        SECRET_KEY
            + " (smart-retry.secret-key) must be "
            + KEY_BYTES
            + " random bytes in base64, e.g. the output of: openssl rand -base64 32");
  }
}
