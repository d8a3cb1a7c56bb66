package dev.smartretry.service.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplorationSettingsTest {
  @Test
  void noShareByDefault() {
    assertThat(new ExplorationSettings(null).share()).isZero();
    assertThat(new ExplorationSettings(" ").share()).isZero();
  }

  @Test
  void aShareFromZeroToAFifth() {
    assertThat(new ExplorationSettings("0.05").share()).isEqualTo(0.05);
    assertThat(new ExplorationSettings(" 0.2 ").share()).isEqualTo(0.2);
    assertThat(new ExplorationSettings("0").share()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.21", "-0.01", "1", "NaN", "five percent", "5%"})
  void anythingElseIsRefusedNamingTheSetting(String value) {
    assertThatThrownBy(() -> new ExplorationSettings(value).share())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "SMART_RETRY_EXPLORATION_SHARE (smart-retry.exploration-share) must be a number from 0"
                + " to 0.2, not "
                + value);
  }
}
