package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayCalendarTest {
  private static List<LocalDate> dates(String spec, String from, String to) {
    return PayCalendar.parse(spec).payDates(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void lastBusinessDayMovesBeforeAWeekend() {
    // May 2026 ends on a Sunday; January 2026 on a Saturday; March 2026 on a Tuesday.
    assertThat(dates("last-business-day", "2026-01-01", "2026-05-31"))
        .containsExactly(
            LocalDate.parse("2026-01-30"),
            LocalDate.parse("2026-02-27"),
            LocalDate.parse("2026-03-31"),
            LocalDate.parse("2026-04-30"),
            LocalDate.parse("2026-05-29"));
  }

  @Test
  void quincenaPaysOnThe15thAndTheLastDayOrTheFridayBefore() {
    // 2025-11-15 is a Saturday, 2025-11-30 a Sunday.
    assertThat(dates("day-15+day-last", "2025-11-01", "2025-12-31"))
        .containsExactly(
            LocalDate.parse("2025-11-14"),
            LocalDate.parse("2025-11-28"),
            LocalDate.parse("2025-12-15"),
            LocalDate.parse("2025-12-31"));
  }

  @Test
  void aFirstOnAWeekendIsPaidInThePreviousMonth() {
    // 2025-11-01 is a Saturday: paid on Friday 2025-10-31.
    assertThat(dates("day-1", "2025-10-01", "2025-12-02"))
        .containsExactly(
            LocalDate.parse("2025-10-01"),
            LocalDate.parse("2025-10-31"),
            LocalDate.parse("2025-12-01"));
  }

  @Test
  void japanPaysThe25thOrTheBusinessDayBefore() {
    // 2026-01-25 is a Sunday.
    assertThat(dates("day-25", "2026-01-01", "2026-02-28"))
        .containsExactly(LocalDate.parse("2026-01-23"), LocalDate.parse("2026-02-25"));
  }

  @Test
  void brazilPaysTheFifthBusinessDayAndThe20th() {
    // March 2026 starts on a Sunday: business days 2, 3, 4, 5, 6.
    assertThat(dates("business-day-5+day-20", "2026-03-01", "2026-03-31"))
        .containsExactly(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-20"));
  }

  @Test
  void biweeklyPaysEveryOtherWeekInTheCustomersPhase() {
    PayCalendar even = PayCalendar.parse("biweekly-friday");
    PayCalendar odd = even.withPhase(1);
    List<LocalDate> evenDates =
        even.payDates(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"));
    List<LocalDate> oddDates =
        odd.payDates(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"));

    assertThat(evenDates).allMatch(d -> d.getDayOfWeek() == DayOfWeek.FRIDAY);
    assertThat(oddDates).allMatch(d -> d.getDayOfWeek() == DayOfWeek.FRIDAY);
    assertThat(evenDates).doesNotContainAnyElementsOf(oddDates);
    assertThat(evenDates.size() + oddDates.size()).isEqualTo(9); // the Fridays of Jan-Feb 2026
    for (int i = 1; i < evenDates.size(); i++) {
      assertThat(evenDates.get(i)).isEqualTo(evenDates.get(i - 1).plusDays(14));
    }
    assertThat(even.phased()).isTrue();
    assertThat(PayCalendar.parse("day-25").phased()).isFalse();
  }

  @Test
  void findsThePayDaysAroundADay() {
    PayCalendar calendar = PayCalendar.parse("day-15+day-last");

    assertThat(calendar.payDayOnOrBefore(LocalDate.parse("2026-03-20")))
        .isEqualTo(LocalDate.parse("2026-03-13"));
    assertThat(calendar.payDayOnOrBefore(LocalDate.parse("2026-03-13")))
        .isEqualTo(LocalDate.parse("2026-03-13"));
    assertThat(calendar.payDayAfter(LocalDate.parse("2026-03-20")))
        .isEqualTo(LocalDate.parse("2026-03-31"));
  }

  @Test
  void rejectsRulesItDoesNotKnowByName() {
    assertThatThrownBy(() -> PayCalendar.parse("fortnightly-friday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fortnightly-friday");
    assertThatThrownBy(() -> PayCalendar.parse("biweekly-fryday")).hasMessageContaining("fryday");
    assertThatThrownBy(() -> PayCalendar.parse("day-32")).hasMessageContaining("32");
  }

  @Test
  void aPayDayOnAHolidayIsPaidTheBusinessDayBefore() {
    Holidays holidays = Holidays.of(42, "BR", 12);
    LocalDate holiday =
        LocalDate.parse("2026-01-01")
            .datesUntil(LocalDate.parse("2027-01-01"))
            .filter(holidays::contains)
            .filter(d -> d.getDayOfWeek() != DayOfWeek.MONDAY && d.getDayOfMonth() <= 28)
            .filter(d -> !holidays.contains(d.minusDays(1)))
            .findFirst()
            .orElseThrow();
    LocalDate from = holiday.withDayOfMonth(1);
    LocalDate to = from.plusMonths(1).minusDays(1);

    PayCalendar monthly = PayCalendar.parse("day-" + holiday.getDayOfMonth());
    assertThat(monthly.payDates(from, to)).containsExactly(holiday);
    assertThat(monthly.withHolidays(holidays).payDates(from, to))
        .containsExactly(holiday.minusDays(1));

    PayCalendar weekly =
        PayCalendar.parse(
                "weekly-" + holiday.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT))
            .withHolidays(holidays);
    assertThat(weekly.payDates(holiday.minusDays(3), holiday.plusDays(3)))
        .containsExactly(holiday.minusDays(1));
  }

  @Test
  void holidaysAreWeekdaysAndTheSameForTheSameWorldAndCountry() {
    Holidays a = Holidays.of(42, "BR", 12);
    Holidays b = Holidays.of(42, "BR", 12);
    Holidays other = Holidays.of(42, "JP", 12);
    List<LocalDate> year =
        LocalDate.parse("2026-01-01").datesUntil(LocalDate.parse("2027-01-01")).toList();

    List<LocalDate> days = year.stream().filter(a::contains).toList();
    assertThat(days).hasSize(12).allMatch(d -> d.getDayOfWeek().getValue() <= 5);
    assertThat(year.stream().filter(b::contains)).containsExactlyElementsOf(days);
    assertThat(year.stream().filter(other::contains).toList()).isNotEqualTo(days);
    assertThat(year.stream().filter(Holidays.NONE::contains)).isEmpty();
  }
}
