package dev.smartretry.service.events;

import dev.smartretry.service.testing.TestGateway;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a service under test that retries through {@code gateway} and sends events to
 * receivers on this machine: a secret key, and private addresses allowed.
 */
final class SendingService {
  private SendingService() {}

  /** Those settings, and {@code more} beside or instead of them. */
  static Map<String, Object> settings(TestGateway gateway, Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("smart-retry.gateway-url", gateway.url());
    settings.put("smart-retry.secret-key", EventsTest.SECRET_KEY);
    settings.put("smart-retry.webhooks-allow-private", "true");
    settings.putAll(more);
    return settings;
  }
}
