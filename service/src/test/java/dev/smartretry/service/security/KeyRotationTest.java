package dev.smartretry.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating a key (README, "Rotating a key"): the new key is added beside the old one under the same
 * role, clients move over, then the old one is removed and instances restarted.
 */
class KeyRotationTest {
  private static final String OLD = "admin-key-2026-q3";
  private static final String NEW = "admin-key-2026-q4";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T15:00:00Z"));

  @Test
  void bothKeysOfARoleWorkUntilTheOldOneIsRemoved() {
    try (ServiceInstance during = start("admin:" + OLD + ",admin:" + NEW + ",viewer:v")) {
      assertThat(during.api().get("/v1/policies", OLD).status()).isEqualTo(200);
      assertThat(during.api().get("/v1/policies", NEW).status()).isEqualTo(200);
    }

    try (ServiceInstance after = start("admin:" + NEW + ",viewer:v")) {
      assertThat(after.api().get("/v1/policies", OLD).status()).isEqualTo(401);
      assertThat(after.api().get("/v1/policies", NEW).status()).isEqualTo(200);
    }
  }

  private ServiceInstance start(String keys) {
    return ServiceInstance.start(
        TestDatabase.shared(),
        clock,
        Map.of("smart-retry.api-keys", keys, "smart-retry.scheduler", "off"));
  }
}
