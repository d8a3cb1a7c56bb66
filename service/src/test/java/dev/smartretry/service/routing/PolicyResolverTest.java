package dev.smartretry.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The matching of routing rules, without a database. */
class PolicyResolverTest {
  private static final InvoiceFacts MONTHLY_EUR_VISA =
      new InvoiceFacts(
          BillingInterval.MONTH,
          4_900,
          "EUR",
          CardBrand.VISA,
          CardFunding.DEBIT,
          "FR",
          Map.of("plan", "pro", "region", "eu"));

  @Test
  void sendsAnInvoiceToTheFirstMatchingRule() {
    List<RoutingRule> rules =
        List.of(
            rule("yearly", "annual", when(BillingInterval.YEAR, null, null, Map.of())),
            rule("pro", "pro-policy", when(null, null, null, Map.of("plan", "pro"))),
            rule("everything", "catch-all", RuleConditions.NONE));

    assertThat(PolicyResolver.firstMatch(rules, MONTHLY_EUR_VISA)).isEqualTo("pro-policy");
    assertThat(PolicyResolver.firstMatch(rules.subList(2, 3), MONTHLY_EUR_VISA))
        .isEqualTo("catch-all");
  }

  @Test
  void fallsBackToTheDefaultPolicy() {
    assertThat(PolicyResolver.firstMatch(List.of(), MONTHLY_EUR_VISA)).isEqualTo("default");
    assertThat(
            PolicyResolver.firstMatch(
                List.of(rule("yearly", "annual", when(BillingInterval.YEAR, null, null, Map.of()))),
                MONTHLY_EUR_VISA))
        .isEqualTo("default");
  }

  @Test
  void boundsTheAmountInclusively() {
    assertThat(when(null, 4_900L, 4_900L, Map.of()).holdFor(MONTHLY_EUR_VISA)).isTrue();
    assertThat(when(null, 4_901L, null, Map.of()).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(when(null, null, 4_899L, Map.of()).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(when(null, 0L, null, Map.of()).holdFor(MONTHLY_EUR_VISA)).isTrue();
  }

  @Test
  void needsEveryMetadataEntryWithAnEqualValue() {
    assertThat(
            when(null, null, null, Map.of("plan", "pro", "region", "eu")).holdFor(MONTHLY_EUR_VISA))
        .isTrue();
    assertThat(when(null, null, null, Map.of("plan", "Pro")).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(when(null, null, null, Map.of("seats", "10")).holdFor(MONTHLY_EUR_VISA)).isFalse();
  }

  @Test
  void comparesCodesWithoutRegardToCase() {
    InvoiceFacts lowerCase =
        new InvoiceFacts(
            BillingInterval.MONTH, 4_900, "eur", CardBrand.VISA, CardFunding.DEBIT, "fr", Map.of());

    assertThat(card("EUR", CardBrand.VISA, CardFunding.DEBIT, "FR").holdFor(lowerCase)).isTrue();
  }

  @Test
  void needsEveryConditionToHold() {
    assertThat(card("EUR", CardBrand.VISA, CardFunding.DEBIT, "FR").holdFor(MONTHLY_EUR_VISA))
        .isTrue();
    assertThat(card("USD", null, null, null).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(card(null, CardBrand.AMEX, null, null).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(card(null, null, CardFunding.CREDIT, null).holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(card(null, null, null, "DE").holdFor(MONTHLY_EUR_VISA)).isFalse();
    assertThat(card("EUR", CardBrand.VISA, CardFunding.DEBIT, "DE").holdFor(MONTHLY_EUR_VISA))
        .isFalse();
  }

  private static RoutingRule rule(String name, String policy, RuleConditions when) {
    return new RoutingRule(name, policy, when);
  }

  private static RuleConditions when(
      BillingInterval interval, Long amountMin, Long amountMax, Map<String, String> metadata) {
    return new RuleConditions(interval, amountMin, amountMax, null, null, null, null, metadata);
  }

  private static RuleConditions card(
      String currency, CardBrand brand, CardFunding funding, String country) {
    return new RuleConditions(null, null, null, currency, brand, funding, country, Map.of());
  }
}
