package dev.smartretry.generator;

import static dev.smartretry.history.DeclineCode.CARD_VELOCITY_EXCEEDED;
import static dev.smartretry.history.DeclineCode.DO_NOT_HONOR;
import static dev.smartretry.history.DeclineCode.GENERIC_DECLINE;
import static dev.smartretry.history.DeclineCode.INSUFFICIENT_FUNDS;
import static dev.smartretry.history.DeclineCode.ISSUER_NOT_AVAILABLE;
import static dev.smartretry.history.DeclineCode.PROCESSING_ERROR;
import static dev.smartretry.history.DeclineCode.TRY_AGAIN_LATER;
import static dev.smartretry.history.DeclineCode.WITHDRAWAL_COUNT_LIMIT_EXCEEDED;

import dev.smartretry.generator.GeneratedHistory.Rate;
import dev.smartretry.generator.GeneratedHistory.Retry;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.CardFunding;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The effect measurements: each a pair of retry groups that the effect should separate. Shared by
 * the effect tests (which assert the gap) and {@link EffectRates} (which prints them for the
 * README).
 */
final class Measures {
  private Measures() {}

  /** Two groups of retries whose success rates an effect should set apart. */
  record Contrast(String name, String betterLabel, Rate better, String worseLabel, Rate worse) {
    double gap() {
      return better.value() - worse.value();
    }

    /** The gap exceeds both groups' noise: it would not show without the effect. */
    boolean clear() {
      return gap() > Math.max(better.margin(), worse.margin());
    }

    @Override
    public String toString() {
      return String.format("%s: %s %s vs %s %s", name, betterLabel, better, worseLabel, worse);
    }
  }

  static Contrast contrast(
      GeneratedHistory h,
      String name,
      Predicate<Retry> base,
      String betterLabel,
      Predicate<Retry> better,
      String worseLabel,
      Predicate<Retry> worse) {
    return new Contrast(
        name, betterLabel, h.rate(base.and(better)), worseLabel, h.rate(base.and(worse)));
  }

  static boolean hourIn(Retry r, int from, int to) {
    return r.localHour() >= from && r.localHour() < to;
  }

  static final Predicate<Retry> FUNDS_CODE = r -> r.previousCode() == INSUFFICIENT_FUNDS;
  static final Predicate<Retry> DEBIT =
      r -> r.sample().invoice().card().funding() == CardFunding.DEBIT;

  static Contrast fundsAtNight(GeneratedHistory h) {
    return contrast(
        h,
        "debit insufficient_funds retries by local hour",
        FUNDS_CODE.and(DEBIT),
        "00:00-04:00",
        r -> hourIn(r, 0, 4),
        "12:00-18:00",
        r -> hourIn(r, 12, 18));
  }

  static Contrast fundsAfterPayDay(GeneratedHistory h) {
    return contrast(
        h,
        "insufficient_funds retries by pay day (hidden calendar)",
        FUNDS_CODE,
        "pay day or the day after",
        r -> r.daysSincePayDay() <= 1,
        "a week before the next pay day",
        r -> r.daysSincePayDay() >= 2 && r.daysToNextPayDay() >= 6 && r.daysToNextPayDay() <= 8);
  }

  static Contrast fundsSpentAgain(GeneratedHistory h) {
    return contrast(
        h,
        "insufficient_funds retries by time since the salary posted",
        FUNDS_CODE,
        "< 24 h",
        r -> r.hoursSinceSalary() < 24,
        ">= 96 h",
        r -> r.hoursSinceSalary() >= 96);
  }

  /** The last-business-day countries, seen only through what a billing system records. */
  static Contrast fundsMonthEnd(GeneratedHistory h) {
    Set<String> monthEnd = Set.of("GB", "FR", "DE", "ES");
    return contrast(
        h,
        "GB/FR/DE/ES insufficient_funds retries by local day of month (observable)",
        FUNDS_CODE.and(r -> monthEnd.contains(r.sample().invoice().card().country())),
        "last day to the 2nd",
        r -> {
          int day = r.localDate().getDayOfMonth();
          return day <= 2 || day == r.localDate().lengthOfMonth();
        },
        "18th to 24th",
        r -> r.localDate().getDayOfMonth() >= 18 && r.localDate().getDayOfMonth() <= 24);
  }

  static Contrast fundsByAmount(GeneratedHistory h) {
    return contrast(
        h,
        "insufficient_funds retries 12-72 h after the salary, by amount",
        FUNDS_CODE.and(r -> r.hoursSinceSalary() >= 12 && r.hoursSinceSalary() < 72),
        "under USD 15",
        r -> amountUsd(h, r) < 15,
        "over USD 60",
        r -> amountUsd(h, r) > 60);
  }

  static double amountUsd(GeneratedHistory h, Retry r) {
    String country = r.sample().invoice().card().country();
    return r.sample().invoice().amountMinor()
        / h.world().config().countries().get(country).minorUnitsPerUsd();
  }

  static Contrast holdWait(GeneratedHistory h) {
    return contrast(
        h,
        "do_not_honor retries by time since the previous attempt",
        r -> r.previousCode() == DO_NOT_HONOR,
        ">= 48 h",
        r -> r.hoursSincePrevious() >= 48,
        "< 6 h",
        r -> r.hoursSincePrevious() < 6);
  }

  static Contrast holdExtended(GeneratedHistory h) {
    return contrast(
        h,
        "issuer-hold retries 48-120 h after the first failure (hidden cause)",
        r ->
            r.cause() == Cause.ISSUER_HOLD
                && r.hoursSinceFirst() >= 48
                && r.hoursSinceFirst() < 120,
        "first retry",
        r -> r.attempt().attemptNumber() == 2,
        "after a retry within 24 h",
        r -> retriedWithin(r, Duration.ofHours(24)));
  }

  private static boolean retriedWithin(Retry r, Duration early) {
    List<Attempt> attempts = r.sample().invoice().attempts();
    return attempts.size() > 1
        && r.attempt().attemptNumber() > 2
        && attempts.get(1).attemptedAt().isBefore(attempts.get(0).attemptedAt().plus(early));
  }

  static Contrast velocityMidnight(GeneratedHistory h) {
    return contrast(
        h,
        "velocity-limit retries by local day",
        r -> r.previousCodeIn(CARD_VELOCITY_EXCEEDED, WITHDRAWAL_COUNT_LIMIT_EXCEEDED),
        "after the next local midnight",
        r -> r.localDate().isAfter(firstLocalDate(r)),
        "the same local day",
        r -> r.localDate().equals(firstLocalDate(r)));
  }

  private static java.time.LocalDate firstLocalDate(Retry r) {
    return r.sample()
        .invoice()
        .firstFailureAt()
        .atZone(r.sample().invoice().timezone())
        .toLocalDate();
  }

  static Contrast outageWait(GeneratedHistory h) {
    return contrast(
        h,
        "processing_error / issuer_not_available / try_again_later retries by delay",
        r -> r.previousCodeIn(PROCESSING_ERROR, ISSUER_NOT_AVAILABLE, TRY_AGAIN_LATER),
        ">= 1 h",
        r -> r.hoursSincePrevious() >= 1,
        "< 15 min",
        r -> r.hoursSincePrevious() < 0.25);
  }

  static Contrast processingErrorWait(GeneratedHistory h) {
    return contrast(
        h,
        "processing_error retries by delay",
        r -> r.previousCode() == PROCESSING_ERROR,
        ">= 1 h",
        r -> r.hoursSincePrevious() >= 1,
        "< 15 min",
        r -> r.hoursSincePrevious() < 0.25);
  }

  static final Predicate<Retry> MASKED_CODE = r -> r.previousCodeIn(GENERIC_DECLINE, DO_NOT_HONOR);

  static Contrast maskedAtNight(GeneratedHistory h, boolean masking) {
    return contrast(
        h,
        "debit generic_decline / do_not_honor retries by local hour, "
            + (masking ? "masking issuers" : "other issuers"),
        MASKED_CODE.and(DEBIT).and(r -> r.truth().issuerMasksFunds() == masking),
        "00:00-04:00",
        r -> hourIn(r, 0, 4),
        "12:00-18:00",
        r -> hourIn(r, 12, 18));
  }

  static Contrast maskedAfterPayDay(GeneratedHistory h, boolean masking) {
    return contrast(
        h,
        "generic_decline / do_not_honor retries by pay day, "
            + (masking ? "masking issuers" : "other issuers"),
        MASKED_CODE.and(r -> r.truth().issuerMasksFunds() == masking),
        "pay day or the day after",
        r -> r.daysSincePayDay() <= 1,
        "a week before the next pay day",
        r -> r.daysSincePayDay() >= 2 && r.daysToNextPayDay() >= 6 && r.daysToNextPayDay() <= 8);
  }

  static Contrast previousDevices(GeneratedHistory h) {
    return contrast(
        h,
        "soft-declined retries by the previous row's devices_24h",
        r -> !r.previous().isHardDecline(),
        ">= 2",
        r -> r.previous().devices24h().getAsInt() >= 2,
        "0",
        r -> r.previous().devices24h().getAsInt() == 0);
  }
}
