package dev.smartretry.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class ApiKeysTest {
  @Test
  void knowsTheRoleOfEachConfiguredKey() {
    ApiKeys keys = keys(" billing:k1, admin:k2 ,viewer:k:3");

    assertThat(keys.roleOf("k1")).contains(Role.BILLING);
    assertThat(keys.roleOf("k2")).contains(Role.ADMIN);
    assertThat(keys.roleOf("k:3")).contains(Role.VIEWER);
    assertThat(keys.roleOf("k3")).isEmpty();
    assertThat(keys.roleOf("K1")).isEmpty();
    assertThat(keys.roleOf("")).isEmpty();
  }

  @Test
  void aRoleMayHaveSeveralKeysSoThatOneCanBeRotated() {
    ApiKeys keys = keys("admin:old-key,billing:b,admin:new-key");

    assertThat(keys.roleOf("old-key")).contains(Role.ADMIN);
    assertThat(keys.roleOf("new-key")).contains(Role.ADMIN);
    assertThat(keys.roleOf("b")).contains(Role.BILLING);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          admin:secret-1,,viewer:secret-2   | entry 2 of 3 is empty
          admin:secret-1,                   | entry 2 of 2 is empty
          admin:secret-1,secret-2           | entry 2 of 2 has no ':'
          root:secret-1                     | entry 1 of 1 names an unknown role
          Admin:secret-1                    | entry 1 of 1 names an unknown role
          viewer:                           | entry 1 of 1 has an empty key
          admin:secret-1,billing:secret-1   | entry 2 of 2 repeats the key of entry 1
          """)
  void refusesAMalformedEntryByItsPositionWithoutShowingIt(String configured, String problem) {
    assertThatThrownBy(() -> keys(configured))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SMART_RETRY_API_KEYS")
        .hasMessageContaining(problem)
        .message()
        .doesNotContain("secret");
  }

  @Test
  void warnsOnceThatNoKeyIsConfigured() {
    Logger logger = (Logger) LoggerFactory.getLogger(ApiKeys.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      keys(null);
      keys(" ");
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .hasSize(2)
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage()).contains("No API keys are configured");
            });
  }

  @Test
  void aMalformedConfigurationStopsTheStart() {
    Map<String, Object> properties = new HashMap<>(TestDatabase.shared().datasourceProperties());
    properties.put("smart-retry.api-keys", "admin:secret-1,boss:secret-2");

    assertThatThrownBy(() -> ApplicationContext.run(properties).close())
        .hasRootCauseInstanceOf(ConfigurationException.class)
        .rootCause()
        .hasMessageContaining("entry 2 of 2 names an unknown role")
        .message()
        .doesNotContain("secret");
  }

  private static ApiKeys keys(String configured) {
    return new ApiKeys(new ApiKeysConfiguration(configured));
  }
}
