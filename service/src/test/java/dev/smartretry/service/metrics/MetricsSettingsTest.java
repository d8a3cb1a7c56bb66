package dev.smartretry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {
  @Test
  void daysAreFirstSummedTenSecondsAfterStart() {
    assertThat(new MetricsSettings(null).firstSumAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aLongDelayHoldsSummingOff() {
    // What the tests and the benchmark's "nothing summed" run set.
    assertThat(new MetricsSettings("1000d").firstSumAfter()).isEqualTo(Duration.ofDays(1000));
  }

  @Test
  void aNegativeDelayIsRefusedByName() {
    assertThatThrownBy(() -> new MetricsSettings("-5s").firstSumAfter())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SMART_RETRY_METRICS_SUM_DAYS_AFTER");
  }
}
