package dev.smartretry.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A country's public holidays: {@code perYear} weekdays of each year, drawn from the world's seed.
 * A holiday is no business day, so a pay day that falls on one moves to the business day before, as
 * a weekend moves it. Thread-safe.
 */
final class Holidays {
  static final Holidays NONE = new Holidays(0, 0);

  private final long seed;
  private final int perYear;
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  private Holidays(long seed, int perYear) {
    this.seed = seed;
    this.perYear = perYear;
  }

  /** The holidays of the country {@code code} in the world of {@code worldSeed}. */
  static Holidays of(long worldSeed, String code, int perYear) {
    return perYear == 0
        ? NONE
        : new Holidays(Seeds.derive(worldSeed, Seeds.HOLIDAYS, Seeds.of(code)), perYear);
  }

  boolean contains(LocalDate day) {
    return perYear > 0 && byYear.computeIfAbsent(day.getYear(), this::draw).contains(day);
  }

  private Set<LocalDate> draw(int year) {
    SplittableRandom random = Seeds.random(seed, year);
    int days = Year.of(year).length();
    Set<LocalDate> holidays = new HashSet<>();
    while (holidays.size() < perYear) {
      LocalDate day = LocalDate.ofYearDay(year, 1 + random.nextInt(days));
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        holidays.add(day);
      }
    }
    return Set.copyOf(holidays);
  }
}
