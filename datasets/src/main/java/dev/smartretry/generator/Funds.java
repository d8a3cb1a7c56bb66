package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The money behind {@code insufficient_funds}. Salaries (on the customer's {@link PayCalendar}) and
 * random top-ups post overnight in local time; from then on, the chance the balance still covers
 * the invoice halves every {@code halfLife} hours of local waking time (spending happens while
 * people are awake), and the half-life is shorter for larger invoices: {@code halfLife =
 * spendingHalfLifeHours * (referenceAmountUsd / amountUsd)^amountElasticity}. Deposits combine as
 * independent chances; a small baseline covers everything else (a transfer from savings).
 *
 * @param postingEarliestMinute earliest posting time, minutes after local midnight
 * @param postingMeanMinutes a customer's bank posts at the earliest time plus an exponential delay
 *     with this mean, the same for all the customer's deposits
 * @param postingLatestMinute latest posting time, minutes after local midnight
 * @param postingJitterMinutes each deposit posts up to this many minutes off the bank's time
 * @param payCoverage chance that a salary, just posted, covers the invoice
 * @param topUpsPerWeek expected number of smaller top-ups (transfers, refunds) per week
 * @param topUpCoverage chance that a top-up, just posted, covers an invoice of the reference amount
 *     (scaled down like the half-life for larger invoices)
 * @param spendingHalfLifeHours half-life of coverage, in waking hours, for the reference amount
 * @param referenceAmountUsd the amount the half-life and top-up coverage are given for
 * @param amountElasticity how strongly the amount shortens the half-life
 * @param wakingFromHour local hour at which spending starts
 * @param wakingToHour local hour at which spending stops
 * @param baseline chance of success at any time, whatever the deposits
 * @param maskedCodes the codes a masking issuer reports instead of {@code insufficient_funds}; each
 *     masking issuer uses one of them, drawn with these weights
 */
public record Funds(
    int postingEarliestMinute,
    double postingMeanMinutes,
    int postingLatestMinute,
    int postingJitterMinutes,
    double payCoverage,
    double topUpsPerWeek,
    double topUpCoverage,
    double spendingHalfLifeHours,
    double referenceAmountUsd,
    double amountElasticity,
    int wakingFromHour,
    int wakingToHour,
    double baseline,
    Map<String, Double> maskedCodes) {
  public Funds {
    Check.range("funds.postingEarliestMinute", postingEarliestMinute, 0, 24 * 60 - 1);
    Check.positive("funds.postingMeanMinutes", postingMeanMinutes);
    Check.range(
        "funds.postingLatestMinute", postingLatestMinute, postingEarliestMinute, 24 * 60 - 1);
    Check.range("funds.postingJitterMinutes", postingJitterMinutes, 0, 24 * 60);
    Check.probability("funds.payCoverage", payCoverage);
    if (!(topUpsPerWeek >= 0 && topUpsPerWeek <= 7)) {
      // At most one top-up a day: the rate is drawn as a daily chance.
      throw new IllegalArgumentException("funds.topUpsPerWeek must be in [0, 7]: " + topUpsPerWeek);
    }
    Check.probability("funds.topUpCoverage", topUpCoverage);
    Check.positive("funds.spendingHalfLifeHours", spendingHalfLifeHours);
    Check.positive("funds.referenceAmountUsd", referenceAmountUsd);
    Check.nonNegative("funds.amountElasticity", amountElasticity);
    Check.range("funds.wakingFromHour", wakingFromHour, 0, 23);
    Check.range("funds.wakingToHour", wakingToHour, wakingFromHour + 1, 24);
    Check.probability("funds.baseline", baseline);
    maskedCodes = Check.codes("funds.maskedCodes", maskedCodes, false);
  }

  /**
   * A world's funds, drawn for {@link RandomWorlds}: when pay posts (from midnight to 6 am, some
   * banks slow), how fast money is spent again (a half-life of 3 to 96 waking hours), how much a
   * salary or top-up covers, and the baseline chance.
   */
  static Funds drawn(SplittableRandom random, Funds defaults) {
    int earliest = Draws.uniform(random, 0, 360);
    return new Funds(
        earliest,
        Draws.logUniform(random, 5, 240),
        Math.min(24 * 60 - 1, earliest + Draws.uniform(random, 60, 600)),
        Draws.uniform(random, 0, 60),
        Draws.uniform(random, 0.5, 0.95),
        Draws.uniform(random, 0.0, 4.0),
        Draws.uniform(random, 0.1, 0.6),
        Draws.logUniform(random, 3, 96),
        defaults.referenceAmountUsd(),
        Draws.uniform(random, 0, 1),
        Draws.uniform(random, 5, 9),
        Draws.uniform(random, 21, 24),
        Draws.uniform(random, 0.003, 0.05),
        defaults.maskedCodes());
  }
}
