package dev.smartretry.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Against the values of Newcombe (1998), table I, method 3. */
class WilsonIntervalTest {
  @Test
  void matchesNewcombesTable() {
    assertInterval(WilsonInterval.of(81, 263), 0.2553, 0.3662);
    assertInterval(WilsonInterval.of(15, 148), 0.0624, 0.1605);
    assertInterval(WilsonInterval.of(0, 20), 0.0, 0.1611);
    assertInterval(WilsonInterval.of(1, 29), 0.0061, 0.1718);
  }

  @Test
  void aRateOnAnEffectiveNumberOfTrialsIsTheSameFormula() {
    assertThat(WilsonInterval.ofRate(81 / 263.0, 263)).isEqualTo(WilsonInterval.of(81, 263));
    // Fewer effective trials, a wider interval around the same rate.
    WilsonInterval fewer = WilsonInterval.ofRate(81 / 263.0, 26.3);
    assertThat(fewer.low()).isLessThan(0.2553);
    assertThat(fewer.high()).isGreaterThan(0.3662);
    assertThatThrownBy(() -> WilsonInterval.ofRate(1.2, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allSuccessesStillLeaveRoomBelow() {
    WilsonInterval interval = WilsonInterval.of(10, 10);
    assertThat(interval.high()).isEqualTo(1.0);
    assertThat(interval.low()).isCloseTo(0.7225, within(1e-4));
    assertThat(interval.contains(1.0)).isTrue();
    assertThat(interval.contains(0.7)).isFalse();
  }

  @Test
  void noTrialsHaveNoInterval() {
    WilsonInterval interval = WilsonInterval.of(0, 0);
    assertThat(interval.low()).isNaN();
    assertThat(interval.high()).isNaN();
    assertThat(interval.contains(0.5)).isFalse();
  }

  @Test
  void refusesMoreSuccessesThanTrials() {
    assertThatThrownBy(() -> WilsonInterval.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WilsonInterval.of(-1, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertInterval(WilsonInterval interval, double low, double high) {
    assertThat(interval.low()).isCloseTo(low, within(5e-5));
    assertThat(interval.high()).isCloseTo(high, within(5e-5));
  }
}
