package dev.smartretry.service.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulationClockTest {
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final Instant ANCHOR = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void runsFromItsStartAsManyTimesFasterAsItsSpeed() {
    Clock real = Clock.fixed(ANCHOR.plusSeconds(90), ZoneOffset.UTC);

    SimulationClock clock = new SimulationClock(START, 1440, ANCHOR, real);

    // 90 real seconds at a day per minute: a day and a half.
    assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(36)));
    assertThat(clock.clockTime(Duration.ofSeconds(30))).isEqualTo(Duration.ofHours(12));
    assertThat(clock.realTime(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void tellsTimeToTheMicrosecondLikePostgresql() {
    Clock real = Clock.fixed(ANCHOR.plusNanos(1_234_567), ZoneOffset.UTC);

    assertThat(new SimulationClock(START, 3, ANCHOR, real).instant())
        .isEqualTo(START.plusNanos(3_703_000));
  }

  @Test
  void settingsTakeBothOrNeither() {
    assertThat(new ClockSettings(null, null).simulation()).isEmpty();
    assertThat(new ClockSettings("60", "2026-03-02T00:00:00Z").simulation())
        .contains(new ClockSettings.Simulation(START, 60));
    assertThatThrownBy(() -> new ClockSettings("60", null).simulation())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("only SMART_RETRY_CLOCK_SPEED");
    assertThatThrownBy(() -> new ClockSettings(null, "2026-03-02T00:00:00Z").simulation())
        .hasMessageContaining("only SMART_RETRY_CLOCK_START");
  }

  @Test
  void settingsRefuseWhatIsNoSpeedOrInstant() {
    for (String speed : new String[] {"0", "-1", "fast", "NaN", "1e9"}) {
      assertThatThrownBy(() -> new ClockSettings(speed, "2026-03-02T00:00:00Z").simulation())
          .as(speed)
          .hasMessageContaining("SMART_RETRY_CLOCK_SPEED")
          .hasMessageContaining("above 0 and at most 1000000");
    }
    assertThatThrownBy(() -> new ClockSettings("60", "2026-03-02").simulation())
        .hasMessageContaining("SMART_RETRY_CLOCK_START")
        .hasMessageContaining("must be an ISO-8601 UTC instant");
  }
}
