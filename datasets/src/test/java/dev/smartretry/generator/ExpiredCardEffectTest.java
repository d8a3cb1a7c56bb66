package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Rate;
import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Effect 7: expired cards recover only once replaced, by the updater or the customer. */
class ExpiredCardEffectTest {
  private final List<Sample> expired =
      GeneratedHistory.get().samples().stream()
          .filter(s -> s.firstCode() == DeclineCode.EXPIRED_CARD)
          .toList();

  @Test
  void expiredCardsRecoverSometimesButNotOften() {
    Rate recovered = Rate.of(expired.stream().map(s -> s.invoice().recovered()));

    assertThat(recovered.count()).isGreaterThan(1_000);
    assertThat(recovered.value()).as(recovered.toString()).isBetween(0.1, 0.4);
  }

  @Test
  void expiredCardsRecoverOnlyAfterDays() {
    for (Sample sample : expired) {
      Invoice invoice = sample.invoice();
      if (invoice.recovered()) {
        Attempt success = invoice.attempts().get(invoice.attempts().size() - 1);
        assertThat(Duration.between(invoice.firstFailureAt(), success.attemptedAt()))
            .isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertThat(sample.truth().cardReplacedAt()).isPresent();
        assertThat(success.attemptedAt()).isAfterOrEqualTo(sample.truth().cardReplacedAt().get());
      }
    }
  }

  @Test
  void engagedCustomersReplaceTheirCardMoreOften() {
    Rate engaged =
        Rate.of(
            expired.stream()
                .filter(s -> s.truth().engagement() > 0.5)
                .map(s -> s.truth().cardReplacedAt().isPresent()));
    Rate disengaged =
        Rate.of(
            expired.stream()
                .filter(s -> s.truth().engagement() < -0.5)
                .map(s -> s.truth().cardReplacedAt().isPresent()));

    assertThat(engaged.value()).as(engaged + " vs " + disengaged).isGreaterThan(disengaged.value());
  }
}
