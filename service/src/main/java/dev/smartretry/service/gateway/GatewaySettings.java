package dev.smartretry.service.gateway;

import dev.smartretry.service.settings.SettingText;
import dev.smartretry.webhooks.WebhookSecret;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * The charge endpoint, as configured.
 *
 * @param gatewayUrl {@code SMART_RETRY_GATEWAY_URL}: the billing system's charge endpoint, http or
 *     https; unset, no payment failure can be registered
 * @param gatewaySecret {@code SMART_RETRY_GATEWAY_SECRET}: {@code whsec_...}; set, every call is
 *     signed after Standard Webhooks
 * @param gatewayConnectTimeout {@code SMART_RETRY_GATEWAY_CONNECT_TIMEOUT}, default 5 s
 * @param gatewayReadTimeout {@code SMART_RETRY_GATEWAY_READ_TIMEOUT}, default 30 s: how long the
 *     gateway may take to answer a charge
 */
@ConfigurationProperties("smart-retry")
public record GatewaySettings(
    @Nullable String gatewayUrl,
    @Nullable String gatewaySecret,
    @Nullable String gatewayConnectTimeout,
    @Nullable String gatewayReadTimeout) {
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The charge endpoint, checked; empty when none is configured. */
  public Optional<URI> url() {
    if (gatewayUrl == null || gatewayUrl.isBlank()) {
      return Optional.empty();
    }
    URI url;
    try {
      url = new URI(gatewayUrl.strip());
    } catch (URISyntaxException e) {
      throw invalidUrl();
    }
    if (url.getHost() == null
        || !("http".equalsIgnoreCase(url.getScheme())
            || "https".equalsIgnoreCase(url.getScheme()))) {
      throw invalidUrl();
    }
    return Optional.of(url);
  }

  /** The secret that signs calls, if one is configured. */
  Optional<WebhookSecret> secret() {
    if (gatewaySecret == null || gatewaySecret.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookSecret.parse(gatewaySecret.strip()));
    } catch (IllegalArgumentException e) {
      // The reason never repeats the value: it is a secret.
      throw new ConfigurationException(
          "SMART_RETRY_GATEWAY_SECRET (smart-retry.gateway-secret) " + e.getMessage());
    }
  }

  public Duration connectTimeout() {
    return SettingText.positiveDuration(
        gatewayConnectTimeout, "SMART_RETRY_GATEWAY_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT);
  }

  public Duration readTimeout() {
    return SettingText.positiveDuration(
        gatewayReadTimeout, "SMART_RETRY_GATEWAY_READ_TIMEOUT", DEFAULT_READ_TIMEOUT);
  }

  private static ConfigurationException invalidUrl() {
    return new ConfigurationException(
        "SMART_RETRY_GATEWAY_URL (smart-retry.gateway-url) must be an http or https URL,"
            + " such as https://billing.example/charge");
  }
}
