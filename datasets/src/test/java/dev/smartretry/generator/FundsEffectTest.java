package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.generator.Measures.Contrast;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Effects 1-3: pay calendars, overnight posting, money soon spent again. */
class FundsEffectTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void debitFundsRetriesDoBetterJustAfterLocalMidnight() {
    Contrast night = Measures.fundsAtNight(history);

    assertThat(night.clear()).as(night.toString()).isTrue();
    assertThat(night.better().value())
        .as(night.toString())
        .isGreaterThan(night.worse().value() * 1.2);
  }

  @Test
  void fundsRetriesRightAfterAPayDayBeatThoseAWeekBeforeTheNext() {
    Contrast payDay = Measures.fundsAfterPayDay(history);

    assertThat(payDay.clear()).as(payDay.toString()).isTrue();
    assertThat(payDay.better().value())
        .as(payDay.toString())
        .isGreaterThan(payDay.worse().value() * 3);
  }

  @Test
  void theMonthEndPayDayShowsInObservableDaysOfMonth() {
    Contrast monthEnd = Measures.fundsMonthEnd(history);

    assertThat(monthEnd.clear()).as(monthEnd.toString()).isTrue();
    assertThat(monthEnd.better().value())
        .as(monthEnd.toString())
        .isGreaterThan(monthEnd.worse().value() * 2);
  }

  @Test
  void moneyIsSoonSpentAgain() {
    Contrast spent = Measures.fundsSpentAgain(history);

    assertThat(spent.clear()).as(spent.toString()).isTrue();
    assertThat(spent.better().value())
        .as(spent.toString())
        .isGreaterThan(spent.worse().value() * 4);
  }

  @Test
  void largerInvoicesAreUncoveredSooner() {
    Contrast amount = Measures.fundsByAmount(history);

    assertThat(amount.clear()).as(amount.toString()).isTrue();
  }

  @Test
  void depositsPostOvernightInLocalTime() {
    int checked = 0;
    for (Sample sample : history.samples().subList(0, 2_000)) {
      var first = sample.invoice().firstFailureAt();
      for (Deposit deposit :
          sample
              .truth()
              .deposits(first.minus(Duration.ofDays(30)), first.plus(Duration.ofDays(30)))) {
        LocalTime posted = deposit.postedAt().atZone(sample.invoice().timezone()).toLocalTime();
        assertThat(posted).isBetween(LocalTime.MIDNIGHT, LocalTime.of(5, 0));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2_000 * 4);
  }

  @Test
  void salariesFollowTheCustomersPayCalendar() {
    for (Sample sample : history.samples().subList(0, 500)) {
      var first = sample.invoice().firstFailureAt();
      var zone = sample.invoice().timezone();
      var salaries =
          sample.truth().deposits(first, first.plus(Duration.ofDays(62))).stream()
              .filter(Deposit::salary)
              .map(d -> d.postedAt().atZone(zone).toLocalDate())
              .toList();
      var payDays =
          sample
              .truth()
              .payCalendar()
              .payDates(
                  first.atZone(zone).toLocalDate().plusDays(1),
                  first.plus(Duration.ofDays(61)).atZone(zone).toLocalDate());
      assertThat(salaries).containsAll(payDays);
    }
  }
}
