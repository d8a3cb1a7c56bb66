package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Rate;
import dev.smartretry.generator.Measures.Contrast;
import dev.smartretry.history.DeclineCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Effect 6: short outages, and random outage hits on any retry. */
class ProcessorOutageEffectTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void processingErrorRetriesAfterAnHourBeatThoseWithinFifteenMinutes() {
    Contrast wait = Measures.processingErrorWait(history);

    assertThat(wait.clear()).as(wait.toString()).isTrue();
    assertThat(wait.better().value()).as(wait.toString()).isGreaterThan(wait.worse().value() * 2);
  }

  @Test
  void anyRetryCanHitARandomOutage() {
    Set<DeclineCode> technical =
        Set.of(
            DeclineCode.PROCESSING_ERROR,
            DeclineCode.ISSUER_NOT_AVAILABLE,
            DeclineCode.TRY_AGAIN_LATER);
    Rate hits =
        Rate.of(
            history
                .retries(r -> r.cause() == Cause.FUNDS && !r.succeeded())
                .map(r -> technical.contains(r.attempt().declineCode())));

    assertThat(hits.value()).as(hits.toString()).isBetween(0.005, 0.02);
  }
}
