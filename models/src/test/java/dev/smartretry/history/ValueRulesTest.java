package dev.smartretry.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one set of value rules that history files and API requests share. */
class ValueRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/Sao_Paulo", "Asia/Tokyo", "UTC", "Etc/GMT+2"})
  void timeZoneNamesOfTheIanaDatabaseAreAccepted(String name) {
    assertThat(ValueRules.TIME_ZONE.parse(name)).contains(ZoneId.of(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+02:00",
        "UTC+02:00",
        "GMT+2",
        "UT-05:00",
        "UTC-03:00",
        "Z",
        "ECT",
        "europe/paris",
        "Europe/Springfield",
        ""
      })
  void offsetsAndUnknownNamesAreRefused(String id) {
    assertThat(ValueRules.TIME_ZONE.parse(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "ZZZ", "E1R", ""})
  void currenciesMustBeIsoCodesInCapitals(String code) {
    assertThat(ValueRules.CURRENCY.parse(code)).isEmpty();
    assertThat(ValueRules.CURRENCY.parse("EUR")).contains("EUR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "FRA", "XX", "UK", ""})
  void countriesMustBeIsoCodesInCapitals(String code) {
    assertThat(ValueRules.COUNTRY.parse(code)).isEmpty();
    assertThat(ValueRules.COUNTRY.parse("GB")).contains("GB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Visa", "VISA", "maestro", ""})
  void cardBrandsAreTheDatasetsWireNames(String brand) {
    assertThat(ValueRules.CARD_BRAND.parse(brand)).isEmpty();
    assertThat(ValueRules.CARD_BRAND.parse("visa")).contains(CardBrand.VISA);
    assertThat(ValueRules.CARD_BRAND.expectation())
        .isEqualTo("one of visa, mastercard, amex, discover, jcb, unionpay, other");
  }

  @ParameterizedTest
  @ValueSource(strings = {"insufficient_funds", "stolen_card"})
  void knownDeclineCodesAreRead(String code) {
    assertThat(ValueRules.declineCode(code).wireName()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"card_declined_by_martians", "INSUFFICIENT_FUNDS"})
  void unknownDeclineCodesAreKeptAsOther(String code) {
    assertThat(ValueRules.declineCode(code)).isEqualTo(DeclineCode.OTHER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4242424242424242",
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "card 4242 4242 4242 4242 on file",
        "in_4242424242424242",
        "378282246310005",
        "3782-822463-10005",
        "4222222222222",
        "6011000990139424"
      })
  void cardNumbersPassingTheLuhnCheckAreRecognised(String text) {
    assertThat(ValueRules.looksLikeCardNumber(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4242424242424241",
        "4242 4242 4242 4241",
        "424242424242",
        "42424242424242424242",
        "2026-03-01",
        "+33 1 23 45 67 89",
        "4242  4242  4242  4242",
        "pro",
        ""
      })
  void otherNumbersAreNotCardNumbers(String text) {
    assertThat(ValueRules.looksLikeCardNumber(text)).isFalse();
  }
}
