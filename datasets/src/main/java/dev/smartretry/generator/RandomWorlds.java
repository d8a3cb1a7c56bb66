package dev.smartretry.generator;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Worlds of card declines drawn at random from a seed, each a merchant the planner has never seen:
 * one to four of the countries the default world knows (so a world may be all Japan, or Brazil and
 * Mexico), each paid on calendars drawn afresh (which days, which weekdays, how many rules, their
 * mix), with its own public holidays, issuers and card mix; and every effect's strength drawn over
 * a wide range beside the effect (pay posting, how fast money is spent, hold lengths and their
 * reaction to early retries, velocity resets, masking, outages, quiet hours of issuers, updaters,
 * the device signal, the legacy policy's exploration). Deterministic: a seed is always the same
 * world.
 *
 * <p>The history window stays the default one. Nothing here is read by the planner or the models:
 * it is the ground they are tested on.
 */
public final class RandomWorlds {
  private static final long STREAM = 0x51AB1E_0F_BEEFL;
  private static final DayOfWeek[] WEEKDAYS = DayOfWeek.values();

  private RandomWorlds() {}

  /** The world of {@code seed}. */
  public static WorldConfig draw(long seed) {
    SplittableRandom random = Seeds.random(seed, STREAM);
    WorldConfig defaults = WorldConfig.defaults();
    return new WorldConfig(
        defaults.history(),
        countries(random, defaults.countries()),
        InvoiceMix.drawn(random, defaults.invoices()),
        CustomerMix.drawn(random),
        causes(random, defaults.causesByFunding()),
        Funds.drawn(random, defaults.funds()),
        IssuerHolds.drawn(random, defaults.issuerHolds()),
        IssuerQuietHours.drawn(random, defaults.issuerQuietHours()),
        VelocityLimits.drawn(random, defaults.velocityLimits()),
        ProcessorOutages.drawn(random, defaults.processorOutages()),
        CardExpiry.drawn(random),
        defaults.hardDeclines(),
        OtherSoftDeclines.drawn(random, defaults.otherSoftDeclines()),
        Devices.drawn(random),
        LegacyPolicy.drawn(random, defaults.legacyPolicy()));
  }

  /**
   * One to four of the known countries, with weights, calendars, holidays and banks of their own.
   */
  private static Map<String, CountryProfile> countries(
      SplittableRandom random, Map<String, CountryProfile> known) {
    List<String> codes = new ArrayList<>(known.keySet());
    int count = Draws.uniform(random, 1, 4);
    Map<String, CountryProfile> chosen = new TreeMap<>();
    for (int index = 0; index < count; index++) {
      String code = codes.remove(random.nextInt(codes.size()));
      CountryProfile profile = known.get(code);
      chosen.put(
          code,
          new CountryProfile(
              Draws.logUniform(random, 0.2, 5),
              profile.currency(),
              profile.minorUnitsPerUsd(),
              profile.priceStepMinor(),
              profile.priceCharmMinor(),
              profile.timezones(),
              calendars(random),
              Draws.uniform(random, 3, 60),
              Draws.uniform(random, 0, 0.5),
              perturbed(random, profile.brands(), 0.5),
              perturbed(random, profile.fundings(), 0.5),
              Draws.uniform(random, 0, 15)));
    }
    return chosen;
  }

  /** One to three pay calendars with weights. */
  private static Map<String, Double> calendars(SplittableRandom random) {
    Map<String, Double> calendars = new TreeMap<>();
    int count = Draws.uniform(random, 1, 3);
    while (calendars.size() < count) {
      calendars.put(calendar(random), Draws.logUniform(random, 0.2, 5));
    }
    return calendars;
  }

  /**
   * A pay calendar spec: a fixed day of the month, the n-th business day, the last business day,
   * weekly or every other week on any weekday (Saturday too), or two monthly rules together.
   */
  private static String calendar(SplittableRandom random) {
    return switch (random.nextInt(7)) {
      case 0 -> "last-business-day";
      case 1 -> monthlyDay(random, 1, 28);
      case 2 -> "business-day-" + Draws.uniform(random, 1, 10);
      case 3 -> "weekly-" + weekday(random);
      case 4 -> "biweekly-" + weekday(random);
      case 5 -> monthlyDay(random, 1, 14) + "+" + monthlyDay(random, 15, 28);
      default -> "business-day-" + Draws.uniform(random, 1, 8) + "+" + monthlyDay(random, 15, 28);
    };
  }

  private static String monthlyDay(SplittableRandom random, int from, int to) {
    // "day-last" stands for the month's end, whatever its length.
    return to >= 28 && random.nextInt(4) == 0
        ? "day-last"
        : "day-" + Draws.uniform(random, from, to);
  }

  private static String weekday(SplittableRandom random) {
    return WEEKDAYS[random.nextInt(WEEKDAYS.length)].name().toLowerCase(Locale.ROOT);
  }

  /** For each funding, the mix of causes of a first failure, each weight moved at random. */
  private static Map<String, Map<String, Double>> causes(
      SplittableRandom random, Map<String, Map<String, Double>> known) {
    Map<String, Map<String, Double>> causes = new TreeMap<>();
    known.forEach((funding, mix) -> causes.put(funding, perturbed(random, mix, 0.7)));
    return causes;
  }

  /** Weights each multiplied by a log-normal factor of spread {@code sigma}. */
  static Map<String, Double> perturbed(
      SplittableRandom random, Map<String, Double> weights, double sigma) {
    Map<String, Double> moved = new TreeMap<>();
    weights.forEach((key, weight) -> moved.put(key, weight * Draws.logNormal(random, 1, sigma)));
    return moved;
  }
}
