package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.history.Attempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Effect 8: hard declines never succeed, even when the legacy policy retried them anyway. */
class HardDeclineEffectTest {
  private final List<Sample> hard =
      GeneratedHistory.get().samples().stream().filter(s -> s.firstCode().isHard()).toList();

  @Test
  void invoicesWhoseFirstDeclineIsHardNeverRecover() {
    assertThat(hard).hasSizeGreaterThan(2_000);
    assertThat(hard).noneMatch(s -> s.invoice().recovered());
  }

  @Test
  void someHardDeclinesWereRetriedOnceOrTwiceAndFailed() {
    List<Sample> retried = hard.stream().filter(s -> !s.invoice().retries().isEmpty()).toList();

    assertThat(retried).hasSizeBetween(hard.size() / 100, hard.size() / 10);
    assertThat(retried).allMatch(s -> s.invoice().retries().size() <= 2);
    assertThat(retried).allMatch(s -> s.invoice().retries().stream().noneMatch(Attempt::succeeded));
  }

  @Test
  void nothingAfterAHardDeclineEverSucceeds() {
    for (Sample sample : GeneratedHistory.get().samples()) {
      boolean hardSeen = false;
      for (Attempt attempt : sample.invoice().attempts()) {
        if (hardSeen) {
          assertThat(attempt.succeeded()).isFalse();
        }
        hardSeen |= attempt.isHardDecline();
      }
    }
  }
}
