package dev.smartretry.generator;

import dev.smartretry.history.CardFunding;
import java.nio.file.Path;
import java.util.Collections;
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
 * @param issuerQuietHours issuers that decline every charge in a window of local hours
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
    IssuerQuietHours issuerQuietHours,
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
    Check.present("issuerQuietHours", issuerQuietHours);
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
}
