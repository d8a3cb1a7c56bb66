package dev.smartretry.service.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting whose text is not what it takes stops the start naming the variable; Micronaut alone
 * would have started with the default.
 */
class UnreadableSettingsTest {
  private static final TestDatabase DATABASE = TestDatabase.fresh();

  @ParameterizedTest
  @CsvSource({
    "smart-retry.scheduler-lease, 2 minutes, SMART_RETRY_SCHEDULER_LEASE",
    "smart-retry.scheduler-poll-interval, half a second, SMART_RETRY_SCHEDULER_POLL_INTERVAL",
    "smart-retry.scheduler-batch-size, fifty, SMART_RETRY_SCHEDULER_BATCH_SIZE",
    "smart-retry.scheduler-concurrency, 1.5, SMART_RETRY_SCHEDULER_CONCURRENCY",
    "smart-retry.gateway-connect-timeout, 5 s, SMART_RETRY_GATEWAY_CONNECT_TIMEOUT",
    "smart-retry.gateway-read-timeout, abc, SMART_RETRY_GATEWAY_READ_TIMEOUT",
    "smart-retry.webhook-timeout, abc, SMART_RETRY_WEBHOOK_TIMEOUT",
    "smart-retry.webhook-concurrency, many, SMART_RETRY_WEBHOOK_CONCURRENCY",
    "smart-retry.webhooks-allow-private, maybe, SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE",
    "smart-retry.metrics.sum-days-after, soon, SMART_RETRY_METRICS_SUM_DAYS_AFTER"
  })
  void stopsTheStartNamingTheVariable(String property, String value, String variable) {
    Map<String, Object> properties = new HashMap<>(DATABASE.datasourceProperties());
    properties.put("smart-retry.gateway-url", "http://127.0.0.1:9/charge");
    properties.put(property, value);

    Throwable failure = catchThrowable(() -> ApplicationContext.run(properties).close());

    assertThat(failure).as("the start with %s=%s", property, value).isNotNull();
    Throwable cause = failure;
    while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertThat(cause)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(variable + " must be")
        .hasMessageEndingWith("not " + value);
  }
}
