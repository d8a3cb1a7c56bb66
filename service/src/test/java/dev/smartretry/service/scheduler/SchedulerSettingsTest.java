package dev.smartretry.service.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {
  @Test
  void defaults() {
    SchedulerSettings settings = new SchedulerSettings(null, null, null, null, null);

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.batchSize()).isEqualTo(50);
    assertThat(settings.concurrency()).isEqualTo(128);
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theSchedulerIsOnOrOff() {
    assertThat(new SchedulerSettings(" OFF ", null, null, null, null).enabled()).isFalse();
    assertThatThrownBy(() -> new SchedulerSettings("yes", null, null, null, null).enabled())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("SMART_RETRY_SCHEDULER (smart-retry.scheduler) must be on or off, not yes");
  }

  @Test
  void refusesSettingsThatCouldNotWork() {
    assertThatThrownBy(() -> new SchedulerSettings(null, "0", null, null, null).batchSize())
        .hasMessageContaining("SMART_RETRY_SCHEDULER_BATCH_SIZE");
    assertThatThrownBy(() -> new SchedulerSettings(null, null, "-3", null, null).concurrency())
        .hasMessageContaining("SMART_RETRY_SCHEDULER_CONCURRENCY");
    assertThatThrownBy(() -> new SchedulerSettings(null, null, null, "2s", null).pollInterval())
        .hasMessageContaining("at most 1 s");
    assertThatThrownBy(() -> new SchedulerSettings(null, null, null, null, "0s").lease())
        .hasMessageContaining("SMART_RETRY_SCHEDULER_LEASE");
  }

  @Test
  void refusesSettingsThatAreNotNumbersOrDurationsByName() {
    assertThat(new SchedulerSettings(null, " 20 ", null, "250ms", "PT5M").batchSize())
        .isEqualTo(20);
    assertThat(new SchedulerSettings(null, null, null, "250ms", null).pollInterval())
        .isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> new SchedulerSettings(null, "fifty", null, null, null).batchSize())
        .hasMessage("SMART_RETRY_SCHEDULER_BATCH_SIZE must be a whole number, not fifty");
    assertThatThrownBy(() -> new SchedulerSettings(null, null, null, null, "abc").lease())
        .hasMessageStartingWith("SMART_RETRY_SCHEDULER_LEASE must be a duration");
  }
}
