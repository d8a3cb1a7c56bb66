package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.Measures.Contrast;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Effect 4: issuer holds clear after hours to days, later when retried too soon. */
class IssuerHoldEffectTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void doNotHonorRetriesDoBetterAfterTwoDaysThanWithinSixHours() {
    Contrast wait = Measures.holdWait(history);

    assertThat(wait.clear()).as(wait.toString()).isTrue();
    assertThat(wait.better().value()).as(wait.toString()).isGreaterThan(wait.worse().value() * 3);
  }

  @Test
  void retryingAHoldEarlyMakesItLastLonger() {
    Contrast withExtension = Measures.holdExtended(history);
    // The same invoices without the extension: what remains of the gap is survivorship (the
    // early retries already took the holds that cleared soon).
    GeneratedHistory without =
        GeneratedHistory.of(
            Overrides.load("{\"issuerHolds\": {\"extensionHours\": 0}}"),
            GeneratedHistory.SEED,
            20_000);
    Contrast withoutExtension = Measures.holdExtended(without);

    assertThat(withExtension.clear()).as(withExtension.toString()).isTrue();
    assertThat(withoutExtension.worse().value() - withExtension.worse().value())
        .as(withExtension + " / without extension: " + withoutExtension)
        .isGreaterThan(withExtension.worse().margin() + withoutExtension.worse().margin());
  }

  @Test
  void anEarlyRetryPushesTheClearingTimeInThePlay() {
    World world = GeneratedHistory.get().world();
    int holds = 0;
    for (long i = 0; i < 3_000; i++) {
      WorldInvoice invoice = world.draw(i);
      if (invoice.holdClearsAt().isEmpty()) {
        continue;
      }
      Instant first = invoice.firstFailureAt();
      Instant clears = invoice.holdClearsAt().get();
      Instant later = clears.plus(Duration.ofHours(1));
      if (!clears.isAfter(first.plus(Duration.ofMinutes(30)))) {
        continue;
      }
      holds++;
      Play patient = invoice.newPlay();
      Play hasty = invoice.newPlay();
      hasty.attempt(first.plus(Duration.ofMinutes(20)));
      if (hasty.recovered()) {
        continue;
      }
      assertThat(hasty.successProbability(later)).isLessThan(patient.successProbability(later));
    }
    assertThat(holds).isGreaterThan(300);
  }
}
