package dev.smartretry.generator;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every parameter of the imagined world of card declines, and of the legacy retry policy that made
 * its history. {@link #defaults()} is the documented world (datasets/README.md gives the rates it
 * produces); {@link #load(Path)} reads a JSON file whose fields override the defaults one by one.
 *
 * <p>Immutable. Maps are kept sorted by key, so nothing depends on the order of a JSON file.
 * Durations are in the unit their name says; probabilities are per retry unless said otherwise.
 *
 * @param history when the invoices' first failures happen
 * @param countries country profiles by ISO 3166-1 alpha-2 code; the card's issuing country is the
 *     customer's country
 * @param invoices billing intervals and amounts
 * @param customers tenure, missing issuer ids and how engagement helps recovery
 * @param causesByFunding for each card funding ({@code credit}, {@code debit}, {@code prepaid},
 *     {@code unknown}), the weights of the hidden causes of the first failure (see {@link Cause})
 * @param funds pay deposits, top-ups and spending: the {@code insufficient_funds} world
 * @param issuerHolds temporary issuer blocks behind {@code do_not_honor} / {@code generic_decline}
 * @param velocityLimits daily count limits that reset at local midnight
 * @param processorOutages short technical outages
 * @param cardExpiry expired cards, the account updater and customers who update their card
 * @param hardDeclines codes of declines that never succeed
 * @param otherSoftDeclines the remaining soft codes, with a flat chance of success
 * @param devices the {@code devices_24h} signal
 * @param legacyPolicy the exploring policy that chose the history's retry times; the {@link World}
 *     never reads it, only {@link HistoryGenerator} does
 */
public record WorldConfig(
    HistoryWindow history,
    Map<String, CountryProfile> countries,
    InvoiceMix invoices,
    CustomerMix customers,
    Map<String, Map<String, Double>> causesByFunding,
    Funds funds,
    IssuerHolds issuerHolds,
    VelocityLimits velocityLimits,
    ProcessorOutages processorOutages,
    CardExpiry cardExpiry,
    HardDeclines hardDeclines,
    OtherSoftDeclines otherSoftDeclines,
    Devices devices,
    LegacyPolicy legacyPolicy) {

  private static final Set<String> FUNDINGS = Check.wireNames(CardFunding.values());

  public WorldConfig {
    Check.present("history", history);
    countries = Check.sorted("countries", countries);
    if (countries.isEmpty()) {
      throw new IllegalArgumentException("countries: at least one country is needed");
    }
    countries.keySet().forEach(WorldConfig::checkCountryCode);
    if (countries.values().stream().mapToDouble(CountryProfile::weight).sum() <= 0) {
      throw new IllegalArgumentException("countries need at least one positive weight");
    }
    Check.present("invoices", invoices);
    Check.present("customers", customers);
    Map<String, Map<String, Double>> causes = new TreeMap<>();
    Check.sorted("causesByFunding", causesByFunding)
        .forEach(
            (funding, mix) ->
                causes.put(
                    funding, Check.weights("causesByFunding." + funding, mix, Cause.WIRE_NAMES)));
    if (!causes.keySet().equals(FUNDINGS)) {
      throw new IllegalArgumentException(
          "causesByFunding needs exactly the fundings " + FUNDINGS + ", not " + causes.keySet());
    }
    causesByFunding = Collections.unmodifiableMap(causes);
    Check.present("funds", funds);
    Check.present("issuerHolds", issuerHolds);
    Check.present("velocityLimits", velocityLimits);
    Check.present("processorOutages", processorOutages);
    Check.present("cardExpiry", cardExpiry);
    Check.present("hardDeclines", hardDeclines);
    Check.present("otherSoftDeclines", otherSoftDeclines);
    Check.present("devices", devices);
    Check.present("legacyPolicy", legacyPolicy);
  }

  /**
   * The documented world, read from the bundled {@code world-defaults.json} (with comments); see
   * datasets/README.md for what each value produces.
   */
  public static WorldConfig defaults() {
    return Defaults.CONFIG;
  }

  /**
   * The defaults with the fields of a JSON file laid over them: objects merge field by field, any
   * other value (a number, a list) replaces the default, and {@code null} removes a map entry (a
   * country, a time zone). A field the config does not have is an error that names it.
   *
   * @throws dev.smartretry.SmartRetryException naming the file, the field and the problem
   */
  public static WorldConfig load(Path json) {
    return ConfigJson.load(json);
  }

  /** This config as JSON, every field spelled out: a starting point for an override file. */
  public String toJson() {
    return ConfigJson.write(this);
  }

  /** Read once, on first use. */
  private static final class Defaults {
    static final WorldConfig CONFIG = ConfigJson.readDefaults();
  }

  private static void checkCountryCode(String code) {
    if (!code.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException(
          "countries: '" + code + "' is not an ISO 3166-1 alpha-2 code");
    }
  }

  /**
   * @param firstFailureFrom first day (UTC, ISO date) on which an invoice's original charge fails
   * @param firstFailureTo last such day, inclusive; days in between are equally likely
   * @param billingRunMinutes the billing system runs every hour on the hour, spread over the day in
   *     UTC; a run's charges go out within this many minutes of the hour
   */
  public record HistoryWindow(
      String firstFailureFrom, String firstFailureTo, int billingRunMinutes) {
    public HistoryWindow {
      LocalDate from = date("history.firstFailureFrom", firstFailureFrom);
      LocalDate to = date("history.firstFailureTo", firstFailureTo);
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("history.firstFailureTo is before firstFailureFrom");
      }
      Check.range("history.billingRunMinutes", billingRunMinutes, 1, 60);
    }

    LocalDate fromDate() {
      return LocalDate.parse(firstFailureFrom);
    }

    LocalDate toDate() {
      return LocalDate.parse(firstFailureTo);
    }

    private static LocalDate date(String field, String value) {
      try {
        return LocalDate.parse(Check.present(field, value));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " is not an ISO date: " + value);
      }
    }
  }

  /**
   * A country's customers, cards and banks.
   *
   * @param weight share of invoices from this country, relative to the other countries' weights
   * @param currency ISO 4217 code the country's invoices are billed in
   * @param minorUnitsPerUsd minor units of the currency worth one US dollar (USD 100, JPY 150)
   * @param priceStepMinor prices are rounded to a multiple of this many minor units
   * @param priceCharmMinor then this much is taken off (1 makes 25.00 into 24.99)
   * @param timezones IANA zone ids with weights
   * @param payCalendars {@link PayCalendar} specs with weights: how the country's customers are
   *     paid
   * @param issuers number of issuing banks; their popularity follows Zipf's law (the k-th largest
   *     has weight 1/k), ids are {@code iss_<country>_<nnn>}
   * @param maskingIssuerShare share of the issuers that report insufficient funds as a generic
   *     decline or do-not-honor ({@link Funds#maskedCodes()})
   * @param brands card brands ({@code visa}, {@code mastercard}, ...) with weights
   * @param fundings card fundings ({@code credit}, {@code debit}, ...) with weights
   */
  public record CountryProfile(
      double weight,
      String currency,
      double minorUnitsPerUsd,
      long priceStepMinor,
      long priceCharmMinor,
      Map<String, Double> timezones,
      Map<String, Double> payCalendars,
      int issuers,
      double maskingIssuerShare,
      Map<String, Double> brands,
      Map<String, Double> fundings) {
    private static final Set<String> BRANDS = Check.wireNames(CardBrand.values());

    public CountryProfile {
      Check.nonNegative("weight", weight);
      try {
        Currency.getInstance(Check.present("currency", currency));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("currency is not an ISO 4217 code: " + currency);
      }
      Check.positive("minorUnitsPerUsd", minorUnitsPerUsd);
      if (priceStepMinor < 1 || priceCharmMinor < 0 || priceCharmMinor >= priceStepMinor) {
        throw new IllegalArgumentException(
            "priceStepMinor must be >= 1 and 0 <= priceCharmMinor < priceStepMinor");
      }
      timezones = Check.weights("timezones", timezones, CountryProfile::isZone, "IANA zone id");
      payCalendars = Check.weights("payCalendars", payCalendars, s -> true, "pay calendar");
      payCalendars.keySet().forEach(PayCalendar::parse);
      Check.range("issuers", issuers, 1, 999);
      Check.probability("maskingIssuerShare", maskingIssuerShare);
      brands = Check.weights("brands", brands, BRANDS);
      fundings = Check.weights("fundings", fundings, FUNDINGS);
    }

    private static boolean isZone(String id) {
      try {
        ZoneId.of(id);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }
  }

  /**
   * @param intervals billing intervals ({@code month}, {@code year}, {@code week}, {@code one_off})
   *     with weights
   * @param medianAmountUsd median invoice amount per interval, in US dollars (converted with the
   *     country's {@link CountryProfile#minorUnitsPerUsd()})
   * @param amountSigma log-normal spread of amounts around the median
   */
  public record InvoiceMix(
      Map<String, Double> intervals, Map<String, Double> medianAmountUsd, double amountSigma) {
    private static final Set<String> INTERVALS = Check.wireNames(BillingInterval.values());

    public InvoiceMix {
      intervals = Check.weights("invoices.intervals", intervals, INTERVALS);
      medianAmountUsd = Check.sorted("invoices.medianAmountUsd", medianAmountUsd);
      if (!medianAmountUsd.keySet().equals(INTERVALS)) {
        throw new IllegalArgumentException(
            "invoices.medianAmountUsd needs exactly the intervals " + INTERVALS);
      }
      medianAmountUsd.forEach((k, v) -> Check.positive("invoices.medianAmountUsd." + k, v));
      Check.nonNegative("invoices.amountSigma", amountSigma);
    }
  }

  /**
   * Customers have a hidden engagement z, standard normal plus a tenure effect. It drives both how
   * often they recover (a retry that would succeed with probability p succeeds with {@code 1 - (1 -
   * p)^m}, {@code m = exp(recoveryStrength * z)}) and how many devices use their card.
   *
   * @param tenureMeanDays mean of the exponential tenure at the first failure (at least one billing
   *     period for subscriptions)
   * @param tenureUnknownShare share of invoices whose tenure the billing system does not know
   * @param issuerIdMissingShare share of invoices without an issuer id
   * @param tenureEngagementEffect z rises by this much per unit of ln(1 + tenure in years)
   * @param recoveryStrength how strongly engagement multiplies recovery
   */
  public record CustomerMix(
      double tenureMeanDays,
      double tenureUnknownShare,
      double issuerIdMissingShare,
      double tenureEngagementEffect,
      double recoveryStrength) {
    public CustomerMix {
      Check.positive("customers.tenureMeanDays", tenureMeanDays);
      Check.probability("customers.tenureUnknownShare", tenureUnknownShare);
      Check.probability("customers.issuerIdMissingShare", issuerIdMissingShare);
      Check.nonNegative("customers.tenureEngagementEffect", tenureEngagementEffect);
      Check.nonNegative("customers.recoveryStrength", recoveryStrength);
    }
  }

  /**
   * The money behind {@code insufficient_funds}. Salaries (on the customer's {@link PayCalendar})
   * and random top-ups post overnight in local time; from then on, the chance the balance still
   * covers the invoice halves every {@code halfLife} hours of local waking time (spending happens
   * while people are awake), and the half-life is shorter for larger invoices: {@code halfLife =
   * spendingHalfLifeHours * (referenceAmountUsd / amountUsd)^amountElasticity}. Deposits combine as
   * independent chances; a small baseline covers everything else (a transfer from savings).
   *
   * @param postingEarliestMinute earliest posting time, minutes after local midnight
   * @param postingMeanMinutes a customer's bank posts at the earliest time plus an exponential
   *     delay with this mean, the same for all the customer's deposits
   * @param postingLatestMinute latest posting time, minutes after local midnight
   * @param postingJitterMinutes each deposit posts up to this many minutes off the bank's time
   * @param payCoverage chance that a salary, just posted, covers the invoice
   * @param topUpsPerWeek expected number of smaller top-ups (transfers, refunds) per week
   * @param topUpCoverage chance that a top-up, just posted, covers an invoice of the reference
   *     amount (scaled down like the half-life for larger invoices)
   * @param spendingHalfLifeHours half-life of coverage, in waking hours, for the reference amount
   * @param referenceAmountUsd the amount the half-life and top-up coverage are given for
   * @param amountElasticity how strongly the amount shortens the half-life
   * @param wakingFromHour local hour at which spending starts
   * @param wakingToHour local hour at which spending stops
   * @param baseline chance of success at any time, whatever the deposits
   * @param maskedCodes the codes a masking issuer reports instead of {@code insufficient_funds};
   *     each masking issuer uses one of them, drawn with these weights
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
        throw new IllegalArgumentException(
            "funds.topUpsPerWeek must be in [0, 7]: " + topUpsPerWeek);
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
  }

  /**
   * An issuer's risk system blocks the card for a while. The block clears after a log-normal
   * duration whose median is the issuer's own (issuers differ by {@code issuerSpread} around {@code
   * medianHours}); each retry before it clears makes it last {@code extensionHours} longer.
   *
   * @param codes the codes reported while the hold is in force, with weights
   * @param medianHours median hold duration across issuers
   * @param issuerSpread log-normal spread of issuers' median durations
   * @param durationSpread log-normal spread of one hold's duration around its issuer's median
   * @param extensionHours extra hold per retry made before the hold cleared
   * @param leakProbability chance a retry succeeds while the hold is in force
   * @param clearedSuccess chance a retry succeeds once it has cleared
   */
  public record IssuerHolds(
      Map<String, Double> codes,
      double medianHours,
      double issuerSpread,
      double durationSpread,
      double extensionHours,
      double leakProbability,
      double clearedSuccess) {
    public IssuerHolds {
      codes = Check.codes("issuerHolds.codes", codes, false);
      Check.positive("issuerHolds.medianHours", medianHours);
      Check.nonNegative("issuerHolds.issuerSpread", issuerSpread);
      Check.nonNegative("issuerHolds.durationSpread", durationSpread);
      Check.nonNegative("issuerHolds.extensionHours", extensionHours);
      Check.probability("issuerHolds.leakProbability", leakProbability);
      Check.probability("issuerHolds.clearedSuccess", clearedSuccess);
    }
  }

  /**
   * The card reached its issuer's daily limit on the number of transactions; it resets at the next
   * local midnight.
   *
   * @param codes the codes reported, with weights
   * @param sameDaySuccess chance a retry before the next local midnight succeeds
   * @param nextDaySuccess chance a retry after it succeeds
   */
  public record VelocityLimits(
      Map<String, Double> codes, double sameDaySuccess, double nextDaySuccess) {
    public VelocityLimits {
      codes = Check.codes("velocityLimits.codes", codes, false);
      Check.probability("velocityLimits.sameDaySuccess", sameDaySuccess);
      Check.probability("velocityLimits.nextDaySuccess", nextDaySuccess);
    }
  }

  /**
   * A processor or issuer outage that caused the first failure lasts a log-normal time from it,
   * capped at {@code maxHours}. Independently, any retry hits some other short outage with {@code
   * randomHitProbability}, and then fails with one of the codes.
   *
   * @param codes the codes reported during an outage, with weights
   * @param medianMinutes median outage duration
   * @param durationSpread log-normal spread of durations
   * @param maxHours longest outage
   * @param duringSuccess chance a retry during the outage succeeds
   * @param afterSuccess chance a retry after it succeeds
   * @param randomHitProbability chance that any retry hits an outage, whatever the invoice
   */
  public record ProcessorOutages(
      Map<String, Double> codes,
      double medianMinutes,
      double durationSpread,
      double maxHours,
      double duringSuccess,
      double afterSuccess,
      double randomHitProbability) {
    public ProcessorOutages {
      codes = Check.codes("processorOutages.codes", codes, false);
      Check.positive("processorOutages.medianMinutes", medianMinutes);
      Check.nonNegative("processorOutages.durationSpread", durationSpread);
      Check.positive("processorOutages.maxHours", maxHours);
      Check.probability("processorOutages.duringSuccess", duringSuccess);
      Check.probability("processorOutages.afterSuccess", afterSuccess);
      Check.probability("processorOutages.randomHitProbability", randomHitProbability);
    }
  }

  /**
   * An expired card never succeeds until it is replaced: by the network account updater (which the
   * merchant queries in a nightly batch), or by the customer, more likely when engaged.
   *
   * @param updaterCoverage share of expired cards whose new details the updater will return
   * @param updaterMedianDays median days until the issuer has reported the new card (at least 1)
   * @param updaterSpread log-normal spread of that delay
   * @param updaterRunHourUtc UTC hour of the merchant's nightly updater run; a new card is usable
   *     from the first run after the issuer reported it
   * @param selfUpdateProbability chance that a customer of average engagement enters a new card
   *     (lifted by engagement like any recovery)
   * @param selfUpdateMedianDays median days until they do (at least 1)
   * @param selfUpdateSpread log-normal spread of that delay
   * @param replacedSuccess chance a retry on the replaced card succeeds
   */
  public record CardExpiry(
      double updaterCoverage,
      double updaterMedianDays,
      double updaterSpread,
      int updaterRunHourUtc,
      double selfUpdateProbability,
      double selfUpdateMedianDays,
      double selfUpdateSpread,
      double replacedSuccess) {
    public CardExpiry {
      Check.probability("cardExpiry.updaterCoverage", updaterCoverage);
      Check.positive("cardExpiry.updaterMedianDays", updaterMedianDays);
      Check.nonNegative("cardExpiry.updaterSpread", updaterSpread);
      Check.range("cardExpiry.updaterRunHourUtc", updaterRunHourUtc, 0, 23);
      Check.probability("cardExpiry.selfUpdateProbability", selfUpdateProbability);
      Check.positive("cardExpiry.selfUpdateMedianDays", selfUpdateMedianDays);
      Check.nonNegative("cardExpiry.selfUpdateSpread", selfUpdateSpread);
      Check.probability("cardExpiry.replacedSuccess", replacedSuccess);
    }
  }

  /**
   * @param codes hard decline codes (lost, stolen, closed accounts, revoked authorizations...) with
   *     weights; a retry after one never succeeds
   */
  public record HardDeclines(Map<String, Double> codes) {
    public HardDeclines {
      codes = Check.codes("hardDeclines.codes", codes, true);
    }
  }

  /**
   * @param codes the remaining soft codes (authentication required, call issuer...) with weights
   * @param success chance that a retry succeeds, at any time
   */
  public record OtherSoftDeclines(Map<String, Double> codes, double success) {
    public OtherSoftDeclines {
      codes = Check.codes("otherSoftDeclines.codes", codes, false);
      Check.probability("otherSoftDeclines.success", success);
    }
  }

  /**
   * {@code devices_24h} is Poisson with mean {@code level * activity}: the customer's device level
   * (log-normal, correlated with engagement) times how much the card is in use, from {@code
   * blockedActivity} (blocked, unfunded, expired) to {@code inUseActivity} (back in use: funds
   * arrived, a hold cleared, the card was replaced).
   *
   * @param medianLevel median device level
   * @param levelSpread log-normal spread of device levels
   * @param engagementCorrelation correlation of the level's log with engagement
   * @param blockedActivity activity of a blocked or unfunded card
   * @param inUseActivity activity of a card in use
   */
  public record Devices(
      double medianLevel,
      double levelSpread,
      double engagementCorrelation,
      double blockedActivity,
      double inUseActivity) {
    public Devices {
      Check.positive("devices.medianLevel", medianLevel);
      Check.nonNegative("devices.levelSpread", levelSpread);
      Check.probability("devices.engagementCorrelation", engagementCorrelation);
      Check.nonNegative("devices.blockedActivity", blockedActivity);
      Check.nonNegative("devices.inUseActivity", inUseActivity);
    }
  }

  /**
   * The legacy policy explores: a share of invoices follow fixed schedules; the rest get random
   * delays, log-uniform between {@code minDelayMinutes} and {@code maxDelayDays}, at a random local
   * time of day for delays of a day or more (unless the time of day is kept), up to a random number
   * of retries within {@code windowDays}. Technical errors are sometimes retried within minutes. It
   * stops after a success and after a hard decline, except for a few invoices retried anyway.
   *
   * @param fixedSchedules named schedules: weight (share of invoices) and retry offsets in days
   *     from the original charge (same time of day); the remaining share uses random delays
   * @param minRetries fewest retries of a random schedule
   * @param maxRetries most retries of a random schedule
   * @param minDelayMinutes shortest random delay
   * @param maxDelayDays longest random delay
   * @param keepTimeOfDayShare share of day-plus delays that keep the time of day
   * @param quickRetryShare after a technical error, chance of a quick retry instead
   * @param quickRetryMinMinutes shortest quick retry
   * @param quickRetryMaxMinutes longest quick retry
   * @param windowDays no retry later than this many days after the original charge
   * @param retryAfterHardShare share of hard-declined invoices retried anyway
   * @param maxRetriesAfterHard at most this many retries after a hard decline (1 or more, drawn)
   * @param networkMaxRetries at most this many retries in any {@code networkWindowDays} (Visa)
   * @param networkWindowDays the window of that rule
   */
  public record LegacyPolicy(
      Map<String, FixedSchedule> fixedSchedules,
      int minRetries,
      int maxRetries,
      double minDelayMinutes,
      double maxDelayDays,
      double keepTimeOfDayShare,
      double quickRetryShare,
      double quickRetryMinMinutes,
      double quickRetryMaxMinutes,
      double windowDays,
      double retryAfterHardShare,
      int maxRetriesAfterHard,
      int networkMaxRetries,
      int networkWindowDays) {
    public LegacyPolicy {
      fixedSchedules = Check.sorted("legacyPolicy.fixedSchedules", fixedSchedules);
      double fixedShare = fixedSchedules.values().stream().mapToDouble(FixedSchedule::weight).sum();
      if (fixedShare > 1 + 1e-9) {
        throw new IllegalArgumentException(
            "legacyPolicy.fixedSchedules weights sum to more than 1: " + fixedShare);
      }
      Check.range("legacyPolicy.minRetries", minRetries, 1, 100);
      Check.range("legacyPolicy.maxRetries", maxRetries, minRetries, 100);
      Check.positive("legacyPolicy.minDelayMinutes", minDelayMinutes);
      Check.positive("legacyPolicy.maxDelayDays", maxDelayDays);
      if (maxDelayDays * 24 * 60 <= minDelayMinutes) {
        throw new IllegalArgumentException("legacyPolicy.maxDelayDays is below minDelayMinutes");
      }
      Check.probability("legacyPolicy.keepTimeOfDayShare", keepTimeOfDayShare);
      Check.probability("legacyPolicy.quickRetryShare", quickRetryShare);
      Check.positive("legacyPolicy.quickRetryMinMinutes", quickRetryMinMinutes);
      if (quickRetryMaxMinutes < quickRetryMinMinutes) {
        throw new IllegalArgumentException(
            "legacyPolicy.quickRetryMaxMinutes is below quickRetryMinMinutes");
      }
      Check.positive("legacyPolicy.windowDays", windowDays);
      Check.probability("legacyPolicy.retryAfterHardShare", retryAfterHardShare);
      Check.range("legacyPolicy.maxRetriesAfterHard", maxRetriesAfterHard, 1, 10);
      Check.range("legacyPolicy.networkMaxRetries", networkMaxRetries, 1, 1000);
      Check.range("legacyPolicy.networkWindowDays", networkWindowDays, 1, 365);
    }

    /** Share of invoices on random delays: what the fixed schedules leave. */
    double randomShare() {
      return Math.max(
          0, 1 - fixedSchedules.values().stream().mapToDouble(FixedSchedule::weight).sum());
    }
  }

  /**
   * @param weight share of invoices on this schedule
   * @param days retry offsets in days after the original charge, increasing
   */
  public record FixedSchedule(double weight, List<Double> days) {
    public FixedSchedule {
      Check.probability("weight", weight);
      days = List.copyOf(Check.present("days", days));
      double previous = 0;
      for (double day : days) {
        if (!(day > previous)) {
          throw new IllegalArgumentException("days must be positive and increasing: " + days);
        }
        previous = day;
      }
    }
  }
}
