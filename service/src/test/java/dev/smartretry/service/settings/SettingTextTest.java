package dev.smartretry.service.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingTextTest {
  @Test
  void durationsAreWrittenAsMicronautReadsThem() {
    assertThat(SettingText.duration("500ms", "X")).isEqualTo(Duration.ofMillis(500));
    assertThat(SettingText.duration(" 30s ", "X")).isEqualTo(Duration.ofSeconds(30));
    assertThat(SettingText.duration("2m", "X")).isEqualTo(Duration.ofMinutes(2));
    assertThat(SettingText.duration("1000d", "X")).isEqualTo(Duration.ofDays(1000));
    assertThat(SettingText.duration("PT30S", "X")).isEqualTo(Duration.ofSeconds(30));
    assertThat(SettingText.duration(null, "X")).isNull();
    assertThat(SettingText.duration("  ", "X")).isNull();
  }

  @Test
  void whatIsNoDurationIsRefusedByName() {
    for (String bad : new String[] {"abc", "30 seconds", "5 m", "1y"}) {
      assertThatThrownBy(() -> SettingText.duration(bad, "SMART_RETRY_X"))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("SMART_RETRY_X must be a duration such as");
    }
  }

  @Test
  void wholeNumbersAndFlags() {
    assertThat(SettingText.integer(" 64 ", "X")).isEqualTo(64);
    assertThat(SettingText.integer(null, "X")).isNull();
    assertThatThrownBy(() -> SettingText.integer("1.5", "SMART_RETRY_X"))
        .hasMessage("SMART_RETRY_X must be a whole number, not 1.5");
    assertThat(SettingText.flag("TRUE", "X", false)).isTrue();
    assertThat(SettingText.flag("false", "X", true)).isFalse();
    assertThat(SettingText.flag(null, "X", true)).isTrue();
    assertThatThrownBy(() -> SettingText.flag("yes", "SMART_RETRY_X", false))
        .hasMessage("SMART_RETRY_X must be true or false, not yes");
  }

  @Test
  void positivesRefuseZeroAndLessByName() {
    assertThat(SettingText.positiveDuration(null, "X", Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(SettingText.positiveDuration("2m", "X", Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> SettingText.positiveDuration("0s", "SMART_RETRY_X", Duration.ZERO))
        .hasMessage("SMART_RETRY_X must be longer than zero");
    assertThat(SettingText.atLeastOne(null, "X", 64)).isEqualTo(64);
    assertThatThrownBy(() -> SettingText.atLeastOne("0", "SMART_RETRY_X", 64))
        .hasMessage("SMART_RETRY_X must be at least 1, not 0");
  }
}
