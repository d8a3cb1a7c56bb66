package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The retry policy that made the history: a legacy billing system that explored. Some invoices
 * follow fixed schedules (days 1/3/5/7 at the original charge's time of day, eight retries over 14
 * days, daily); most get random delays from minutes to days at random local times, so the history
 * covers the times a learned planner will want to judge. It stops after a success and, mostly,
 * after a hard decline; it never breaks the networks' limit on retries in a window (Visa: 15 in 30
 * days).
 */
final class LegacyRetryPolicy {
  /** Errors of the payment plumbing, which legacy systems often retry within minutes. */
  private static final Set<DeclineCode> TECHNICAL =
      EnumSet.of(
          DeclineCode.PROCESSING_ERROR,
          DeclineCode.ISSUER_NOT_AVAILABLE,
          DeclineCode.TRY_AGAIN_LATER);

  private static final long DAY = 86_400;

  private final LegacyPolicy config;
  private final WeightedChoice<Optional<FixedSchedule>> schedules;

  LegacyRetryPolicy(LegacyPolicy config) {
    this.config = config;
    List<Optional<FixedSchedule>> items = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    config
        .fixedSchedules()
        .values()
        .forEach(
            schedule -> {
              items.add(Optional.of(schedule));
              weights.add(schedule.weight());
            });
    items.add(Optional.empty());
    weights.add(config.randomShare());
    this.schedules = WeightedChoice.of(items, weights);
  }

  /** Plays the invoice with this policy, drawing its choices from {@code random}. */
  Invoice play(WorldInvoice invoice, SplittableRandom random) {
    Optional<FixedSchedule> fixed = schedules.pick(random);
    int randomRetries =
        config.minRetries() + random.nextInt(config.maxRetries() - config.minRetries() + 1);
    boolean stubborn = random.nextDouble() < config.retryAfterHardShare();
    int afterHard = 1 + random.nextInt(config.maxRetriesAfterHard());

    Play play = invoice.newPlay();
    Instant first = invoice.firstFailureAt();
    Instant windowEnd = first.plusSeconds(Math.round(config.windowDays() * DAY));
    while (!play.recovered() && (!play.hardDeclined() || keepGoing(play, stubborn, afterHard))) {
      Instant next;
      if (fixed.isPresent()) {
        List<Double> days = fixed.get().days();
        if (play.retries() >= days.size()) {
          break;
        }
        next = first.plusSeconds(Math.round(days.get(play.retries()) * DAY));
      } else {
        if (play.retries() >= randomRetries) {
          break;
        }
        next = randomNext(play, invoice.timezone(), random);
      }
      if (next.isAfter(windowEnd) || atNetworkLimit(play, next)) {
        break;
      }
      play.attempt(next);
    }
    return play.toInvoice();
  }

  /** A few legacy invoices were retried after a hard decline anyway: those retries must fail. */
  private static boolean keepGoing(Play play, boolean stubborn, int afterHard) {
    if (!stubborn) {
      return false;
    }
    List<Attempt> attempts = play.attempts();
    int firstHard = 0;
    while (!attempts.get(firstHard).isHardDecline()) {
      firstHard++;
    }
    return attempts.size() - 1 - firstHard < afterHard;
  }

  private Instant randomNext(Play play, ZoneId zone, SplittableRandom random) {
    Attempt last = play.lastAttempt();
    boolean quick =
        TECHNICAL.contains(last.declineCode()) && random.nextDouble() < config.quickRetryShare();
    double minutes =
        quick
            ? Draws.logUniform(random, config.quickRetryMinMinutes(), config.quickRetryMaxMinutes())
            : Draws.logUniform(random, config.minDelayMinutes(), config.maxDelayDays() * 24 * 60);
    long lastSecond = last.attemptedAt().getEpochSecond();
    long next = lastSecond + Math.max(1, Math.round(minutes * 60));
    if (minutes >= 24 * 60 && random.nextDouble() >= config.keepTimeOfDayShare()) {
      // Same local day, any local time: spreads retries over the hours of the customer's day.
      LocalDate day = Instant.ofEpochSecond(next).atZone(zone).toLocalDate();
      long moved = day.atStartOfDay(zone).toEpochSecond() + random.nextInt((int) DAY);
      long earliest = lastSecond + Math.round(config.minDelayMinutes() * 60);
      next = moved < earliest ? moved + DAY : moved;
    }
    return Instant.ofEpochSecond(next);
  }

  private boolean atNetworkLimit(Play play, Instant next) {
    Instant windowStart = next.minusSeconds(config.networkWindowDays() * DAY);
    long recent =
        play.attempts().stream().skip(1).filter(a -> a.attemptedAt().isAfter(windowStart)).count();
    return recent >= config.networkMaxRetries();
  }
}
