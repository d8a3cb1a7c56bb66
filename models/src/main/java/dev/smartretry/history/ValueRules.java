package dev.smartretry.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one set of rules for the values that describe an invoice and its card, shared by the history
 * reader and the service's requests, so that a value one accepts the other accepts too.
 */
public final class ValueRules {
  private static final Set<String> ZONE_NAMES = ZoneId.getAvailableZoneIds();
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern CURRENCY_FORM = Pattern.compile("[A-Z]{3}");
  private static final int MAX_ADVICE_CODE = 8;
  // A run of digits, each after the first optionally preceded by one space or dash: how card
  // numbers are written (4242 4242 4242 4242, 4242-4242-4242-4242, 4242424242424242).
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ -]?\\d)*");
  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;

  /**
   * A name of the IANA time zone database. Offsets ({@code +02:00}, {@code UTC+02:00}) are refused:
   * they have no daylight-saving rules, so the customer's local hours would drift across the year.
   */
  /** The earliest instant a history or a request may name: before it, no recurring card billing. */
  public static final Instant EARLIEST_INSTANT = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * The first instant a history or a request may no longer name: beyond the lifetime of any card or
   * subscription, and far enough from the calendar's end that no deadline or retry time planned
   * from an accepted instant needs a five-digit year.
   */
  public static final Instant END_OF_INSTANTS = Instant.parse("2100-01-01T00:00:00Z");

  /** What an accepted instant looks like. */
  public static final String INSTANT_EXPECTATION =
      "an ISO-8601 UTC instant in the years 2000 to 2099, such as 2026-03-01T14:05:00Z";

  /**
   * The instant {@code text} spells, if it is an ISO-8601 UTC instant from {@link
   * #EARLIEST_INSTANT} up to {@link #END_OF_INSTANTS}. Not a {@link ValueRule}: instants are no
   * vocabulary, and a rule's cache of accepted spellings would grow with every one.
   */
  public static Optional<Instant> instant(String text) {
    try {
      Instant instant = Instant.parse(text);
      return instant.isBefore(EARLIEST_INSTANT) || !instant.isBefore(END_OF_INSTANTS)
          ? Optional.empty()
          : Optional.of(instant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static final ValueRule<ZoneId> TIME_ZONE =
      new ValueRule<>(
          "an IANA time zone name, such as Europe/Paris",
          id -> ZONE_NAMES.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty());

  /** An ISO 4217 currency code in capitals. */
  public static final ValueRule<String> CURRENCY =
      new ValueRule<>("an ISO 4217 currency code in capitals, such as EUR", ValueRules::currency);

  /** An ISO 3166-1 alpha-2 country code in capitals. */
  public static final ValueRule<String> COUNTRY =
      new ValueRule<>(
          "an ISO 3166-1 alpha-2 country code in capitals, such as FR",
          code -> COUNTRIES.contains(code) ? Optional.of(code) : Optional.empty());

  public static final ValueRule<CardBrand> CARD_BRAND =
      oneOf(CardBrand.values(), CardBrand::wireName, CardBrand::fromWireName);

  public static final ValueRule<CardFunding> CARD_FUNDING =
      oneOf(CardFunding.values(), CardFunding::wireName, CardFunding::fromWireName);

  public static final ValueRule<BillingInterval> BILLING_INTERVAL =
      oneOf(BillingInterval.values(), BillingInterval::wireName, BillingInterval::fromWireName);

  /** {@code succeeded} or {@code failed}. */
  public static final ValueRule<Outcome> OUTCOME =
      oneOf(Outcome.values(), Outcome::wireName, Outcome::fromWireName);

  private ValueRules() {}

  /**
   * The decline code spelled {@code text}; a code outside the vocabulary is kept as {@link
   * DeclineCode#OTHER}, as the dataset spec says, never refused.
   */
  public static DeclineCode declineCode(String text) {
    return DeclineCode.fromWireName(text).orElse(DeclineCode.OTHER);
  }

  /**
   * Whether {@code code} can be a card network's advice code (Mastercard's merchant advice codes
   * are two digits; other networks' are short too): not blank, at most 8 characters. A plain check
   * rather than a {@link ValueRule}, whose cache is bounded by a vocabulary these codes lack.
   */
  public static boolean networkAdviceCode(String code) {
    return !code.isBlank() && code.length() <= MAX_ADVICE_CODE;
  }

  /**
   * Whether {@code value} can be a selection probability: in (0, 1]. Zero is not one: a time that
   * could not have been chosen was not.
   */
  public static boolean isProbability(double value) {
    return value > 0 && value <= 1;
  }

  /**
   * Why a value that {@link #looksLikeCardNumber} is refused, for an error that names the field and
   * never the value.
   */
  public static final String CARD_NUMBER_REFUSED =
      "looks like a card number (PAN); never send card numbers";

  /**
   * Whether {@code text} holds what looks like a payment card number (PAN): a run of 13 to 19
   * digits, possibly grouped by spaces or dashes, that passes the Luhn check. A PAN must never
   * reach the database or the logs (PCI DSS), so free-form values are checked before they are kept;
   * the Luhn check spares most long numbers that are not cards (a random run passes one time in
   * ten).
   */
  public static boolean looksLikeCardNumber(String text) {
    Matcher run = DIGIT_RUN.matcher(text);
    while (run.find()) {
      String digits = run.group().replace(" ", "").replace("-", "");
      if (digits.length() >= MIN_CARD_DIGITS
          && digits.length() <= MAX_CARD_DIGITS
          && passesLuhn(digits)) {
        return true;
      }
    }
    return false;
  }

  /** The Luhn checksum of a card number: every second digit from the right doubled. */
  private static boolean passesLuhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  private static Optional<String> currency(String code) {
    if (!CURRENCY_FORM.matcher(code).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Currency.getInstance(code).getCurrencyCode());
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  private static <E> ValueRule<E> oneOf(
      E[] values, Function<E, String> wireName, Function<String, Optional<E>> parse) {
    String names = Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
    return new ValueRule<>("one of " + names, parse);
  }
}
