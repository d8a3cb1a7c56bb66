package dev.smartretry.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a customer is paid: one or more rules joined by {@code +}, e.g. {@code day-15+day-last}
 * (semi-monthly, the Mexican quincena) or {@code business-day-5+day-20} (Brazil's salary by the 5th
 * business day plus the 20th's advance). Rules:
 *
 * <ul>
 *   <li>{@code last-business-day}: the month's last Monday-to-Friday day (UK, France, Germany,
 *       Spain);
 *   <li>{@code day-N} or {@code day-last}: a fixed day of the month, paid the business day before
 *       when it falls on a weekend (Japan's 25th, India's 1st);
 *   <li>{@code business-day-N}: the N-th Monday-to-Friday day of the month;
 *   <li>{@code weekly-<weekday>}: every week on that day;
 *   <li>{@code biweekly-<weekday>}: every other week on that day; which of the two weeks is the
 *       customer's {@link #phase()}.
 * </ul>
 *
 * <p>Business days are Monday to Friday but for the country's {@link Holidays}: a pay day that
 * falls on a weekend or a holiday is paid on the business day before; a weekly one only moves for a
 * holiday.
 */
public final class PayCalendar {
  private static final Pattern DAY = Pattern.compile("day-(\\d{1,2}|last)");
  private static final Pattern BUSINESS_DAY = Pattern.compile("business-day-(\\d{1,2})");
  private static final Pattern WEEKLY = Pattern.compile("(bi)?weekly-([a-z]+)");

  /** 1970-01-05, the first Monday of the epoch: bi-weekly phases count whole weeks from it. */
  private static final long FIRST_EPOCH_MONDAY = 4;

  private final String spec;
  private final List<Rule> rules;
  private final int phase;
  private final Holidays holidays;

  private PayCalendar(String spec, List<Rule> rules, int phase, Holidays holidays) {
    this.spec = spec;
    this.rules = List.copyOf(rules);
    this.phase = phase;
    this.holidays = holidays;
  }

  /**
   * Parses a calendar spec such as {@code biweekly-friday} or {@code day-15+day-last}.
   *
   * @throws IllegalArgumentException naming the rule it does not understand
   */
  public static PayCalendar parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    List<Rule> rules = new ArrayList<>();
    for (String token : spec.split("\\+", -1)) {
      rules.add(rule(token.trim(), spec));
    }
    return new PayCalendar(spec, rules, 0, Holidays.NONE);
  }

  private static Rule rule(String token, String spec) {
    if (token.equals("last-business-day")) {
      return new LastBusinessDay();
    }
    Matcher day = DAY.matcher(token);
    if (day.matches()) {
      int n = day.group(1).equals("last") ? 31 : Integer.parseInt(day.group(1));
      if (n < 1 || n > 31) {
        throw new IllegalArgumentException("pay calendar '" + spec + "': no day " + n);
      }
      return new DayOfMonth(n);
    }
    Matcher business = BUSINESS_DAY.matcher(token);
    if (business.matches()) {
      int n = Integer.parseInt(business.group(1));
      if (n < 1 || n > 20) {
        throw new IllegalArgumentException(
            "pay calendar '" + spec + "': business day must be 1..20, not " + n);
      }
      return new NthBusinessDay(n);
    }
    Matcher weekly = WEEKLY.matcher(token);
    if (weekly.matches()) {
      DayOfWeek weekday;
      try {
        weekday = DayOfWeek.valueOf(weekly.group(2).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "pay calendar '" + spec + "': no weekday '" + weekly.group(2) + "'");
      }
      return weekly.group(1) == null ? new Weekly(weekday) : new Biweekly(weekday);
    }
    throw new IllegalArgumentException(
        "pay calendar '"
            + spec
            + "': unknown rule '"
            + token
            + "' (rules: last-business-day, day-N, day-last, business-day-N, weekly-<weekday>,"
            + " biweekly-<weekday>, joined by +)");
  }

  /** This calendar with bi-weekly rules paying in even (0) or odd (1) weeks. */
  public PayCalendar withPhase(int phase) {
    if (phase != 0 && phase != 1) {
      throw new IllegalArgumentException("phase is 0 or 1: " + phase);
    }
    // Without a bi-weekly rule the phase means nothing: keep 0 so equal calendars are equal.
    return phased() ? new PayCalendar(spec, rules, phase, holidays) : this;
  }

  /** This calendar in a country with these public holidays. */
  PayCalendar withHolidays(Holidays holidays) {
    return new PayCalendar(spec, rules, phase, holidays);
  }

  /** Whether a bi-weekly rule makes the phase matter. */
  public boolean phased() {
    return rules.stream().anyMatch(Biweekly.class::isInstance);
  }

  public String spec() {
    return spec;
  }

  public int phase() {
    return phase;
  }

  public boolean isPayDay(LocalDate day) {
    for (Rule rule : rules) {
      if (rule.pays(day, this)) {
        return true;
      }
    }
    return false;
  }

  /** Pay days from {@code from} to {@code to}, both inclusive, in order. */
  public List<LocalDate> payDates(LocalDate from, LocalDate to) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      if (isPayDay(day)) {
        dates.add(day);
      }
    }
    return dates;
  }

  /** The latest pay day on or before {@code day}, looking back at most 62 days. */
  public LocalDate payDayOnOrBefore(LocalDate day) {
    for (int back = 0; back <= 62; back++) {
      LocalDate candidate = day.minusDays(back);
      if (isPayDay(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no pay day in the 62 days before " + day + ": " + spec);
  }

  /** The first pay day after {@code day}, looking ahead at most 62 days. */
  public LocalDate payDayAfter(LocalDate day) {
    for (int ahead = 1; ahead <= 62; ahead++) {
      LocalDate candidate = day.plusDays(ahead);
      if (isPayDay(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no pay day in the 62 days after " + day + ": " + spec);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PayCalendar that && spec.equals(that.spec) && phase == that.phase;
  }

  @Override
  public int hashCode() {
    return spec.hashCode() * 31 + phase;
  }

  @Override
  public String toString() {
    return phased() ? spec + " (phase " + phase + ")" : spec;
  }

  private boolean isBusinessDay(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day);
  }

  /** Employers pay before a weekend or a holiday, not after it. */
  private LocalDate businessDayOnOrBefore(LocalDate day) {
    LocalDate d = day;
    while (!isBusinessDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /**
   * The day a weekly wage due on {@code nominal} is paid: that day, weekend or not, unless it is a
   * holiday; then the business day before.
   */
  private LocalDate weeklyPayDay(LocalDate nominal) {
    return holidays.contains(nominal) ? businessDayOnOrBefore(nominal.minusDays(1)) : nominal;
  }

  private interface Rule {
    boolean pays(LocalDate day, PayCalendar calendar);
  }

  private record LastBusinessDay() implements Rule {
    @Override
    public boolean pays(LocalDate day, PayCalendar calendar) {
      return day.equals(calendar.businessDayOnOrBefore(YearMonth.from(day).atEndOfMonth()));
    }
  }

  private record DayOfMonth(int day) implements Rule {
    @Override
    public boolean pays(LocalDate date, PayCalendar calendar) {
      YearMonth month = YearMonth.from(date);
      // A 1st falling on a weekend is paid in the previous month, so look at next month's too.
      return date.equals(payDay(month, calendar))
          || date.equals(payDay(month.plusMonths(1), calendar));
    }

    private LocalDate payDay(YearMonth month, PayCalendar calendar) {
      return calendar.businessDayOnOrBefore(month.atDay(Math.min(day, month.lengthOfMonth())));
    }
  }

  private record NthBusinessDay(int n) implements Rule {
    @Override
    public boolean pays(LocalDate date, PayCalendar calendar) {
      if (!calendar.isBusinessDay(date)) {
        return false;
      }
      int count = 0;
      for (LocalDate d = date.withDayOfMonth(1); !d.isAfter(date); d = d.plusDays(1)) {
        if (calendar.isBusinessDay(d)) {
          count++;
        }
      }
      return count == n;
    }
  }

  private record Weekly(DayOfWeek weekday) implements Rule {
    @Override
    public boolean pays(LocalDate day, PayCalendar calendar) {
      if (calendar.holidays == Holidays.NONE) {
        return day.getDayOfWeek() == weekday;
      }
      // The wage due on the next such weekday, paid sooner when that day is a holiday.
      return day.equals(calendar.weeklyPayDay(day.with(TemporalAdjusters.nextOrSame(weekday))));
    }
  }

  private record Biweekly(DayOfWeek weekday) implements Rule {
    @Override
    public boolean pays(LocalDate day, PayCalendar calendar) {
      LocalDate nominal =
          calendar.holidays == Holidays.NONE
              ? day
              : day.with(TemporalAdjusters.nextOrSame(weekday));
      return nominal.getDayOfWeek() == weekday
          && inPhase(nominal, calendar.phase)
          && day.equals(calendar.weeklyPayDay(nominal));
    }

    private static boolean inPhase(LocalDate payDay, int phase) {
      long week = Math.floorDiv(payDay.toEpochDay() - FIRST_EPOCH_MONDAY, 7);
      return Math.floorMod(week, 2) == phase;
    }
  }
}
