package dev.smartretry.generator;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The imagined world of card declines, fixed by a config and a seed: an endless, numbered sequence
 * of failed invoices, each with the hidden truth of why it failed and what a retry at any time
 * would do. Invoice {@code k} is a pure function of (config, seed, k), whatever else was drawn
 * before, on whatever thread. Thread-safe.
 *
 * <p>It knows nothing of retry policies: the history's legacy policy, fixed schedules, a learned
 * planner or an oracle all play the same invoices through {@link WorldInvoice#newPlay()}.
 */
public final class World {
  private final WorldConfig config;
  private final long seed;
  private final List<CountryModel> countries;
  private final WeightedChoice<CountryModel> countryChoice;
  private final WeightedChoice<BillingInterval> intervals;
  private final Map<CardFunding, WeightedChoice<Cause>> causes = new EnumMap<>(CardFunding.class);
  private final WeightedChoice<DeclineCode> holdCodes;
  private final WeightedChoice<DeclineCode> velocityCodes;
  private final WeightedChoice<DeclineCode> outageCodes;
  private final WeightedChoice<DeclineCode> hardCodes;
  private final WeightedChoice<DeclineCode> otherCodes;
  private final AccountUpdater updater;
  private final long firstDay;
  private final long days;

  public World(WorldConfig config, long seed) {
    this.config = Objects.requireNonNull(config, "config");
    this.seed = seed;
    List<CountryModel> models = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    config
        .countries()
        .forEach(
            (code, profile) -> {
              models.add(new CountryModel(code, profile, config, seed));
              weights.add(profile.weight());
            });
    this.countries = List.copyOf(models);
    this.countryChoice = WeightedChoice.of(models, weights);
    this.intervals =
        WeightedChoice.of(
            config.invoices().intervals(),
            name -> BillingInterval.valueOf(name.toUpperCase(Locale.ROOT)));
    config
        .causesByFunding()
        .forEach(
            (funding, mix) ->
                causes.put(
                    CardFunding.valueOf(funding.toUpperCase(Locale.ROOT)),
                    WeightedChoice.of(mix, Cause::fromWireName)));
    this.holdCodes = WeightedChoice.of(config.issuerHolds().codes(), Codes::parse);
    this.velocityCodes = WeightedChoice.of(config.velocityLimits().codes(), Codes::parse);
    this.outageCodes = WeightedChoice.of(config.processorOutages().codes(), Codes::parse);
    this.hardCodes = WeightedChoice.of(config.hardDeclines().codes(), Codes::parse);
    this.otherCodes = WeightedChoice.of(config.otherSoftDeclines().codes(), Codes::parse);
    this.updater = new AccountUpdater(config.cardExpiry());
    HistoryWindow history = config.history();
    this.firstDay = history.fromDate().toEpochDay();
    this.days = history.toDate().toEpochDay() - firstDay + 1;
  }

  public WorldConfig config() {
    return config;
  }

  public long seed() {
    return seed;
  }

  /** Invoice number {@code index} (0-based) of this world; the same every time it is drawn. */
  public WorldInvoice draw(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("invoice index must be >= 0: " + index);
    }
    long invoiceSeed = Seeds.derive(seed, Seeds.INVOICES, index);
    SplittableRandom random = Seeds.random(invoiceSeed, Seeds.PROFILE);

    CountryModel country = countryChoice.pick(random);
    ZoneId zone = country.zones().pick(random);
    PayCalendar calendar = country.calendars().pick(random).withPhase(random.nextInt(2));
    Issuer issuer = country.issuerChoice().pick(random);
    boolean issuerKnown = random.nextDouble() >= config.customers().issuerIdMissingShare();
    Card card =
        new Card(
            country.brands().pick(random),
            country.fundings().pick(random),
            country.code(),
            issuerKnown ? Optional.of(issuer.id()) : Optional.empty());

    BillingInterval interval = intervals.pick(random);
    double medianUsd = config.invoices().medianAmountUsd().get(interval.wireName());
    long amountMinor =
        country.price(Draws.logNormal(random, medianUsd, config.invoices().amountSigma()));
    double amountUsd = amountMinor / country.profile().minorUnitsPerUsd();
    OptionalInt tenure = tenure(interval, random);
    Engagement engagement = Engagement.draw(config.customers(), config.devices(), tenure, random);

    var funds = config.funds();
    int postingMinute =
        funds.postingEarliestMinute()
            + (int)
                Math.min(
                    Draws.exponential(random, funds.postingMeanMinutes()),
                    funds.postingLatestMinute() - funds.postingEarliestMinute());
    BankAccount account =
        new BankAccount(
            funds, calendar, zone, Seeds.derive(invoiceSeed, Seeds.DAYS), postingMinute, amountUsd);

    Cause cause = causes.get(card.funding()).pick(random);
    Instant firstFailure = firstFailure(random);
    Obstacle obstacle =
        switch (cause) {
          case FUNDS -> {
            DeclineCode code =
                issuer.masksFunds() ? issuer.maskedCode() : DeclineCode.INSUFFICIENT_FUNDS;
            FundsShortage shortage = new FundsShortage(account, funds.baseline(), code);
            firstFailure = whenShort(shortage, engagement, firstFailure, random);
            yield shortage;
          }
          case ISSUER_HOLD ->
              IssuerHold.draw(config.issuerHolds(), holdCodes, issuer, firstFailure, random);
          case VELOCITY_LIMIT ->
              VelocityLimit.draw(
                  config.velocityLimits(), velocityCodes, zone, firstFailure, random);
          case PROCESSOR_OUTAGE ->
              ProcessorOutage.draw(config.processorOutages(), outageCodes, firstFailure, random);
          case EXPIRED_CARD ->
              ExpiredCard.draw(config.cardExpiry(), updater, engagement, firstFailure, random);
          case HARD_DECLINE -> new HardDecline(hardCodes.pick(random));
          case OTHER_SOFT_DECLINE ->
              new OtherSoftDecline(otherCodes.pick(random), config.otherSoftDeclines().success());
        };

    return new WorldInvoice(
        index,
        invoiceSeed,
        "in_" + id(Seeds.derive(invoiceSeed, Seeds.IDS, 0)),
        "cus_" + id(Seeds.derive(invoiceSeed, Seeds.IDS, 1)),
        amountMinor,
        country.profile().currency(),
        interval,
        zone,
        tenure,
        card,
        firstFailure,
        issuer,
        account,
        engagement,
        obstacle,
        config.processorOutages().randomHitProbability(),
        outageCodes);
  }

  /** The countries with their issuers, in code order. */
  List<CountryModel> countries() {
    return countries;
  }

  /**
   * The charge failed, so it more likely came when the balance was low: a drawn time is kept with
   * the chance of failing then, which draws the time given the failure.
   */
  private Instant whenShort(
      FundsShortage shortage, Engagement engagement, Instant drawn, SplittableRandom random) {
    Instant at = drawn;
    for (int tries = 0; tries < 100; tries++) {
      double success = engagement.lift(shortage.outlook(at, List.of()).success());
      if (random.nextDouble() >= success) {
        return at;
      }
      at = firstFailure(random);
    }
    return at;
  }

  /** A failed renewal comes at least one period after the first successful payment. */
  private OptionalInt tenure(BillingInterval interval, SplittableRandom random) {
    boolean unknown = random.nextDouble() < config.customers().tenureUnknownShare();
    int days = (int) Draws.exponential(random, config.customers().tenureMeanDays());
    int minimum =
        switch (interval) {
          case WEEK -> 7;
          case MONTH -> 28;
          case YEAR -> 365;
          case ONE_OFF -> 0;
        };
    return unknown ? OptionalInt.empty() : OptionalInt.of(minimum + days);
  }

  /** A billing run's charge: any day of the window, any UTC hour, minutes after the hour. */
  private Instant firstFailure(SplittableRandom random) {
    long day = firstDay + random.nextLong(days);
    int hour = random.nextInt(24);
    int second = random.nextInt(config.history().billingRunMinutes() * 60);
    return Instant.ofEpochSecond(day * 86_400 + hour * 3600L + second);
  }

  /** 13 base-36 characters: a 64-bit value, fixed width so ids sort like their bits. */
  private static String id(long bits) {
    String digits = Long.toUnsignedString(bits, 36);
    return "0".repeat(13 - digits.length()) + digits;
  }
}
