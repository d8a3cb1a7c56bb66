package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.Measures.Contrast;
import org.junit.jupiter.api.Test;

/** Effect 5: daily velocity limits reset at local midnight. */
class VelocityLimitEffectTest {
  @Test
  void velocityRetriesAfterTheNextLocalMidnightMostlySucceed() {
    Contrast midnight = Measures.velocityMidnight(GeneratedHistory.get());

    assertThat(midnight.clear()).as(midnight.toString()).isTrue();
    assertThat(midnight.better().value()).as(midnight.toString()).isGreaterThan(0.5);
    assertThat(midnight.worse().value()).as(midnight.toString()).isLessThan(0.1);
  }
}
