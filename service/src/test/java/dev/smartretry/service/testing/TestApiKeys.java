package dev.smartretry.service.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@code @MicronautTest} on the run's {@link TestDatabase} with one API key per role. Like
 * {@link UsesTestDatabase}, it needs {@code @TestInstance(Lifecycle.PER_CLASS)}.
 */
public interface TestApiKeys extends UsesTestDatabase {
  String ADMIN = "test-admin-key";
  String BILLING = "test-billing-key";
  String VIEWER = "test-viewer-key";

  @Override
  default Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(UsesTestDatabase.super.getProperties());
    properties.put(
        "smart-retry.api-keys", "billing:" + BILLING + ",admin:" + ADMIN + ",viewer:" + VIEWER);
    return properties;
  }
}
