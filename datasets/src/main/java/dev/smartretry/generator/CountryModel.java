package dev.smartretry.generator;

import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/** A {@link CountryProfile} made ready to draw from, with its issuers. */
final class CountryModel {
  private final String code;
  private final CountryProfile profile;
  private final WeightedChoice<ZoneId> zones;
  private final WeightedChoice<PayCalendar> calendars;
  private final WeightedChoice<CardBrand> brands;
  private final WeightedChoice<CardFunding> fundings;
  private final List<Issuer> issuers;
  private final WeightedChoice<Issuer> issuerChoice;

  CountryModel(String code, CountryProfile profile, WorldConfig config, long worldSeed) {
    this.code = code;
    this.profile = profile;
    this.zones = WeightedChoice.of(profile.timezones(), ZoneId::of);
    Holidays holidays = Holidays.of(worldSeed, code, profile.holidaysPerYear());
    this.calendars =
        WeightedChoice.of(
            profile.payCalendars(), spec -> PayCalendar.parse(spec).withHolidays(holidays));
    this.brands =
        WeightedChoice.of(
            profile.brands(), name -> CardBrand.valueOf(name.toUpperCase(Locale.ROOT)));
    this.fundings =
        WeightedChoice.of(
            profile.fundings(), name -> CardFunding.valueOf(name.toUpperCase(Locale.ROOT)));
    this.issuers = issuers(code, profile, config, worldSeed);
    List<Double> popularity = new ArrayList<>();
    for (int k = 1; k <= issuers.size(); k++) {
      popularity.add(1.0 / k);
    }
    this.issuerChoice = WeightedChoice.of(issuers, popularity);
  }

  /**
   * The country's banks, the largest first. Exactly {@code round(share * issuers)} of them mask
   * insufficient funds; which ones is drawn, so the masking banks are sometimes the big ones.
   */
  private static List<Issuer> issuers(
      String code, CountryProfile profile, WorldConfig config, long worldSeed) {
    SplittableRandom random = Seeds.random(worldSeed, Seeds.ISSUERS, Seeds.of(code));
    int count = profile.issuers();
    int masking = (int) Math.round(profile.maskingIssuerShare() * count);
    boolean[] masks = new boolean[count];
    for (int i = 0; i < masking; i++) {
      masks[i] = true;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      boolean swap = masks[i];
      masks[i] = masks[j];
      masks[j] = swap;
    }
    WeightedChoice<DeclineCode> maskedCodes =
        WeightedChoice.of(config.funds().maskedCodes(), Codes::parse);
    // Quiet hours from a stream of their own: a world without them draws what it always drew.
    SplittableRandom quiet = Seeds.random(worldSeed, Seeds.QUIET_HOURS, Seeds.of(code));
    IssuerQuietHours windows = config.issuerQuietHours();
    WeightedChoice<DeclineCode> quietCodes = WeightedChoice.of(windows.codes(), Codes::parse);
    List<Issuer> issuers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DeclineCode maskedCode = maskedCodes.pick(random);
      double holdMedian =
          Draws.logNormal(
              random, config.issuerHolds().medianHours(), config.issuerHolds().issuerSpread());
      Optional<QuietHours> quietHours =
          windows.share() > 0 && quiet.nextDouble() < windows.share()
              ? Optional.of(
                  new QuietHours(
                      quiet.nextInt(24),
                      windows.minHours()
                          + quiet.nextInt(windows.maxHours() - windows.minHours() + 1),
                      quietCodes.pick(quiet)))
              : Optional.empty();
      issuers.add(
          new Issuer(
              String.format(Locale.ROOT, "iss_%s_%03d", code, i + 1),
              masks[i],
              maskedCode,
              holdMedian,
              quietHours));
    }
    return List.copyOf(issuers);
  }

  String code() {
    return code;
  }

  CountryProfile profile() {
    return profile;
  }

  WeightedChoice<ZoneId> zones() {
    return zones;
  }

  WeightedChoice<PayCalendar> calendars() {
    return calendars;
  }

  WeightedChoice<CardBrand> brands() {
    return brands;
  }

  WeightedChoice<CardFunding> fundings() {
    return fundings;
  }

  WeightedChoice<Issuer> issuerChoice() {
    return issuerChoice;
  }

  List<Issuer> issuers() {
    return issuers;
  }

  /** A shop price near {@code usd}: rounded to the country's step, minus its charm. */
  long price(double usd) {
    long step = profile.priceStepMinor();
    long steps = Math.max(1, Math.round(usd * profile.minorUnitsPerUsd() / step));
    return steps * step - profile.priceCharmMinor();
  }
}
