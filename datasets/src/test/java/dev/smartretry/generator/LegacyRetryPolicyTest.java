package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Retry;
import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import java.time.Duration;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The legacy policy explores: delays from minutes to days, all local hours, fixed schedules. */
class LegacyRetryPolicyTest {
  private final GeneratedHistory history = GeneratedHistory.get();
  private final List<Retry> retries = history.retries();

  @Test
  void delaysSpreadFromMinutesToDays() {
    List<Double> hours = retries.stream().map(Retry::hoursSincePrevious).toList();
    long distinctMinutes = hours.stream().map(h -> Math.round(h * 60)).distinct().count();

    assertThat(distinctMinutes).isGreaterThan(5_000);
    assertThat(share(hours, h -> h < 1)).isGreaterThan(0.05);
    assertThat(share(hours, h -> h < 0.25)).isGreaterThan(0.01);
    assertThat(share(hours, h -> h >= 48)).isGreaterThan(0.15);
    assertThat(hours.stream().mapToDouble(h -> h).max().orElseThrow()).isGreaterThan(5 * 24);
  }

  @Test
  void retriesCoverEveryLocalHour() {
    long[] byHour = new long[24];
    retries.forEach(r -> byHour[r.localHour()]++);

    for (int hour = 0; hour < 24; hour++) {
      assertThat(byHour[hour])
          .as("retries at local hour %d", hour)
          .isGreaterThan(retries.size() / 50);
    }
  }

  @Test
  void someInvoicesFollowFixedSchedules() {
    List<Invoice> retried =
        history.samples().stream()
            .map(Sample::invoice)
            .filter(i -> i.retries().size() >= 2)
            .toList();
    long onGrid =
        retried.stream().filter(i -> offsetsAreMultiplesOf(i, Duration.ofHours(6))).count();
    long days1357 =
        retried.stream().filter(i -> offsetsStartWith(i, List.of(1L, 3L, 5L, 7L))).count();
    long daily = retried.stream().filter(i -> offsetsStartWith(i, List.of(1L, 2L, 3L, 4L))).count();

    assertThat((double) onGrid / retried.size()).isBetween(0.1, 0.45);
    assertThat(days1357).isGreaterThan(retried.size() / 50);
    assertThat(daily).isGreaterThan(retried.size() / 50);
  }

  @Test
  void noInvoiceGetsMoreThanEightRetries() {
    assertThat(history.samples()).allMatch(s -> s.invoice().retries().size() <= 8);
    assertThat(history.samples()).anyMatch(s -> s.invoice().retries().size() == 8);
  }

  @Test
  void technicalErrorsAreSometimesRetriedWithinMinutes() {
    long quick =
        history
            .retries(
                r ->
                    r.previousCodeIn(
                            DeclineCode.PROCESSING_ERROR,
                            DeclineCode.ISSUER_NOT_AVAILABLE,
                            DeclineCode.TRY_AGAIN_LATER)
                        && r.hoursSincePrevious() < 0.25)
            .count();

    assertThat(quick).isGreaterThan(500);
  }

  private static boolean offsetsAreMultiplesOf(Invoice invoice, Duration grid) {
    for (Attempt retry : invoice.retries()) {
      long seconds = Duration.between(invoice.firstFailureAt(), retry.attemptedAt()).toSeconds();
      if (seconds % grid.toSeconds() != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean offsetsStartWith(Invoice invoice, List<Long> days) {
    List<Attempt> retries = invoice.retries();
    if (retries.size() < days.size()) {
      return false;
    }
    for (int i = 0; i < days.size(); i++) {
      if (!retries
          .get(i)
          .attemptedAt()
          .equals(invoice.firstFailureAt().plus(Duration.ofDays(days.get(i))))) {
        return false;
      }
    }
    return true;
  }

  private static double share(List<Double> values, DoublePredicate test) {
    return values.stream().filter(test::test).count() / (double) values.size();
  }
}
