package dev.smartretry.generator;

import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Set;

/**
 * A country's customers, cards and banks.
 *
 * @param weight share of invoices from this country, relative to the other countries' weights
 * @param currency ISO 4217 code the country's invoices are billed in
 * @param minorUnitsPerUsd minor units of the currency worth one US dollar (USD 100, JPY 150)
 * @param priceStepMinor prices are rounded to a multiple of this many minor units
 * @param priceCharmMinor then this much is taken off (1 makes 25.00 into 24.99)
 * @param timezones IANA zone ids with weights
 * @param payCalendars {@link PayCalendar} specs with weights: how the country's customers are paid
 * @param issuers number of issuing banks; their popularity follows Zipf's law (the k-th largest has
 *     weight 1/k), ids are {@code iss_<country>_<nnn>}
 * @param maskingIssuerShare share of the issuers that report insufficient funds as a generic
 *     decline or do-not-honor ({@link Funds#maskedCodes()})
 * @param brands card brands ({@code visa}, {@code mastercard}, ...) with weights
 * @param fundings card fundings ({@code credit}, {@code debit}, ...) with weights
 * @param holidaysPerYear public holidays a year ({@link Holidays}): weekdays drawn per year and
 *     country, on which no business-day pay is made
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
    Map<String, Double> fundings,
    int holidaysPerYear) {
  private static final Set<String> BRANDS = Check.wireNames(CardBrand.values());
  private static final Set<String> FUNDINGS = Check.wireNames(CardFunding.values());

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
    Check.range("holidaysPerYear", holidaysPerYear, 0, 30);
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
