package dev.smartretry.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The customer's account as far as the invoice cares: whether its balance covers the amount. Pay
 * deposits (on the {@link PayCalendar}) and random top-ups post overnight in local time; after
 * that, spending during waking hours makes the chance that the balance still covers the invoice
 * halve every half-life, which is shorter for larger invoices.
 *
 * <p>A day's deposits are drawn from that day's own stream, so the account is defined for any day
 * without precomputation or horizon, and reads the same whatever is asked first.
 */
final class BankAccount {
  /** Contributions below this are dropped: the scan back stops where they could only be smaller. */
  private static final double NEGLIGIBLE = 1e-4;

  private static final int MAX_LOOKBACK_DAYS = 62;

  private final Funds funds;
  private final PayCalendar calendar;
  private final ZoneId zone;
  private final ZoneRules rules;
  private final WakingHours waking;
  private final long seed;
  private final int postingMinute;
  private final double halfLifeHours;
  private final double topUpCoverage;
  private final double topUpDailyChance;

  /**
   * @param seed the seed of this account's days
   * @param postingMinute minutes after local midnight at which the customer's bank posts
   * @param amountUsd the invoice amount: larger ones are covered for a shorter time
   */
  BankAccount(
      Funds funds,
      PayCalendar calendar,
      ZoneId zone,
      long seed,
      int postingMinute,
      double amountUsd) {
    this.funds = funds;
    this.calendar = calendar;
    this.zone = zone;
    this.rules = zone.getRules();
    this.waking = new WakingHours(zone, funds.wakingFromHour(), funds.wakingToHour());
    this.seed = seed;
    this.postingMinute = postingMinute;
    double amountFactor =
        StrictMath.pow(funds.referenceAmountUsd() / amountUsd, funds.amountElasticity());
    this.halfLifeHours = Math.min(Math.max(funds.spendingHalfLifeHours() * amountFactor, 1), 720);
    this.topUpCoverage = funds.topUpCoverage() * Math.min(1, amountFactor);
    this.topUpDailyChance = funds.topUpsPerWeek() / 7;
  }

  PayCalendar calendar() {
    return calendar;
  }

  /** Chance that the balance covers the invoice at {@code at}, from the deposits before it. */
  double coverage(Instant at) {
    long now = at.getEpochSecond();
    long localNow = waking.local(now);
    LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(localNow, 86_400));
    double maxCoverage = Math.max(funds.payCoverage(), topUpCoverage);
    double uncovered = 1;
    for (int back = 0; back <= MAX_LOOKBACK_DAYS; back++) {
      LocalDate day = today.minusDays(back);
      long dayStartLocal = day.toEpochDay() * 86_400;
      if (back > 0
          && maxCoverage * fade(waking.betweenLocal(dayStartLocal + 86_400, localNow))
              < NEGLIGIBLE) {
        break;
      }
      for (Deposit deposit : depositsOn(day)) {
        long posted = deposit.postedAt().getEpochSecond();
        if (posted <= now) {
          uncovered *= 1 - deposit.coverage() * fade(waking.between(posted, now));
        }
      }
    }
    return 1 - uncovered;
  }

  /** Deposits posted in {@code [from, to)}, oldest first. */
  List<Deposit> deposits(Instant from, Instant to) {
    List<Deposit> found = new ArrayList<>();
    LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (Deposit deposit : depositsOn(day)) {
        if (!deposit.postedAt().isBefore(from) && deposit.postedAt().isBefore(to)) {
          found.add(deposit);
        }
      }
    }
    found.sort((a, b) -> a.postedAt().compareTo(b.postedAt()));
    return found;
  }

  /** The salary and top-up posted on a local day, if any. */
  List<Deposit> depositsOn(LocalDate day) {
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, day.toEpochDay()));
    int jitter =
        random.nextInt(2 * funds.postingJitterMinutes() + 1) - funds.postingJitterMinutes();
    boolean topUp = random.nextDouble() < topUpDailyChance;
    int topUpMinute =
        funds.postingEarliestMinute()
            + random.nextInt(funds.postingLatestMinute() - funds.postingEarliestMinute() + 1);
    boolean payDay = calendar.isPayDay(day);
    if (!payDay && !topUp) {
      return List.of();
    }
    List<Deposit> deposits = new ArrayList<>(2);
    if (payDay) {
      int minute =
          Math.min(
              Math.max(postingMinute + jitter, funds.postingEarliestMinute()),
              funds.postingLatestMinute());
      deposits.add(new Deposit(postingInstant(day, minute), true, funds.payCoverage()));
    }
    if (topUp) {
      deposits.add(new Deposit(postingInstant(day, topUpMinute), false, topUpCoverage));
    }
    return deposits;
  }

  private Instant postingInstant(LocalDate day, int minute) {
    LocalDateTime local = day.atStartOfDay().plusMinutes(minute);
    return local.toInstant(rules.getOffset(local));
  }

  private double fade(double wakingHours) {
    return StrictMath.pow(0.5, wakingHours / halfLifeHours);
  }
}
