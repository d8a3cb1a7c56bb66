package dev.smartretry.service.routing;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingRuleApiTest implements TestApiKeys {
  private static final String RULES = "/v1/policy-rules";
  private static final InvoiceFacts ENTERPRISE_YEARLY =
      new InvoiceFacts(
          BillingInterval.YEAR,
          60_000,
          "EUR",
          CardBrand.VISA,
          CardFunding.CREDIT,
          "FR",
          Map.of("plan", "enterprise"));

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject PolicyResolver policies;

  private String routed(InvoiceFacts invoice) {
    return policies.resolve(PolicyChoice.routed(), invoice).name();
  }

  private Api api() {
    return new Api(client, json);
  }

  @BeforeEach
  void twoPolicies() {
    api().put("/v1/policies/route-annual", ADMIN, "{}");
    api().put("/v1/policies/route-pro", ADMIN, "{}");
  }

  /** Other test classes share the database and expect no rules. */
  @AfterEach
  void noRules() {
    assertThat(api().put(RULES, ADMIN, "[]").status()).isEqualTo(200);
  }

  @Test
  void storesTheRulesInOrderAndTheFirstMatchWins() {
    String annualFirst =
        """
        [{"name": "annual-enterprise", "policy": "route-annual",
          "when": {"billing_interval": "year", "amount_min": 50000,
                   "metadata": {"plan": "enterprise"}}},
         {"name": "everything", "policy": "route-pro"}]
        """;
    Reply stored = api().put(RULES, ADMIN, annualFirst);

    assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
    List<Object> expected =
        List.of(
            Map.of(
                "name",
                "annual-enterprise",
                "policy",
                "route-annual",
                "when",
                Map.of(
                    "billing_interval",
                    "year",
                    "amount_min",
                    50000,
                    "metadata",
                    Map.of("plan", "enterprise"))),
            Map.of("name", "everything", "policy", "route-pro", "when", Map.of()));
    assertThat(stored.array()).isEqualTo(expected);
    assertThat(api().get(RULES, ADMIN).array()).isEqualTo(expected);
    assertThat(routed(ENTERPRISE_YEARLY)).isEqualTo("route-annual");

    String catchAllFirst =
        """
        [{"name": "everything", "policy": "route-pro"},
         {"name": "annual-enterprise", "policy": "route-annual",
          "when": {"billing_interval": "year"}}]
        """;
    api().put(RULES, ADMIN, catchAllFirst);
    assertThat(routed(ENTERPRISE_YEARLY)).isEqualTo("route-pro");
  }

  @Test
  void routesToTheDefaultPolicyWithoutRules() {
    assertThat(api().get(RULES, ADMIN).array()).isEmpty();
    assertThat(routed(ENTERPRISE_YEARLY)).isEqualTo("default");
  }

  @Test
  void storesEveryCondition() {
    String everyCondition =
        """
        [{"name": "all", "policy": "route-pro",
          "when": {"billing_interval": "one_off", "amount_min": 0, "amount_max": 99,
                   "currency": "USD", "card_brand": "amex", "card_funding": "prepaid",
                   "card_country": "US", "metadata": {"plan": "pro", "seats": "10"}}}]
        """;

    List<Object> stored = api().put(RULES, ADMIN, everyCondition).array();

    assertThat(stored).isEqualTo(api().get(RULES, ADMIN).array());
    assertThat(((Map<?, ?>) stored.get(0)).get("when"))
        .isEqualTo(
            Map.of(
                "billing_interval", "one_off",
                "amount_min", 0,
                "amount_max", 99,
                "currency", "USD",
                "card_brand", "amex",
                "card_funding", "prepaid",
                "card_country", "US",
                "metadata", Map.of("plan", "pro", "seats", "10")));
  }

  @Test
  void anInvalidListLeavesTheStoredOneAsItWas() {
    String valid = "[{\"name\": \"first\", \"policy\": \"route-pro\"}]";
    List<Object> before = api().put(RULES, ADMIN, valid).array();

    Reply refused =
        api()
            .put(
                RULES,
                ADMIN,
                "[{\"name\": \"one\", \"policy\": \"route-annual\"},"
                    + " {\"name\": \"two\", \"policy\": \"no-such-policy\"}]");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorFields()).containsExactly("[1].policy");
    assertThat(api().get(RULES, ADMIN).array()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [{"policy": "route-pro"}]                                         | [0].name
          [{"name": "Bad Name", "policy": "route-pro"}]                     | [0].name
          [{"name": "r", "policy": "route-pro"}, {"name": "r", "policy": "route-pro"}] | [1].name
          [{"name": "r"}]                                                   | [0].policy
          [{"name": "r", "policy": "nope"}]                                 | [0].policy
          [{"name": "r", "policy": "route-pro", "when": {"amount_min": -1}}]  | [0].when.amount_min
          [{"name": "r", "policy": "route-pro", "when": {"amount_max": -1}}]  | [0].when.amount_max
          [{"name": "r", "policy": "route-pro", "when": {"amount_min": 10, "amount_max": 5}}] | [0].when.amount_max
          [{"name": "r", "policy": "route-pro", "when": {"currency": "eur"}}] | [0].when.currency
          [{"name": "r", "policy": "route-pro", "when": {"currency": "EURO"}}] | [0].when.currency
          [{"name": "r", "policy": "route-pro", "when": {"card_country": "FRA"}}] | [0].when.card_country
          [{"name": "r", "policy": "route-pro", "when": {"billing_interval": "daily"}}] | [0].when.billing_interval
          [{"name": "r", "policy": "route-pro", "when": {"card_brand": "diners"}}] | [0].when.card_brand
          [{"name": "r", "policy": "route-pro", "when": {"card_funding": "charge"}}] | [0].when.card_funding
          [{"name": "r", "policy": "route-pro", "when": {"metadata": {"plan": null}}}] | [0].when.metadata.plan
          [{"name": "r", "policy": "route-pro", "when": {"colour": "red"}}] | [0].when.colour
          [{"name": "r", "policy": "route-pro", "when": {"amount_min": "ten"}}] | [0].when.amount_min
          [{"name": "r", "policy": "route-pro", "when": {"metadata": {"plan": {}}}}] | [0].when.metadata.plan
          [{"name": "r", "policy": "route-pro", "when": {"metadata": {"card": "4242 4242 4242 4242"}}}] | [0].when.metadata.card
          [{"name": "r", "policy": "route-pro", "when": {"metadata": {"4242424242424242": "x"}}}] | [0].when.metadata
          [{"name": "r", "policy": "route-pro", "priority": 1}]             | [0].priority
          [{"name": "r", "policy": "route-pro"}, null]                      | [1]
          [{"name": "r", "policy": "nope", "when": {"currency": "x"}}, {"policy": "route-pro"}] | [0].policy, [0].when.currency, [1].name
          """)
  void refusesAnInvalidFieldByItsPathInTheList(String body, String fields) {
    Reply refused = api().put(RULES, ADMIN, body);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.errorFields()).containsExactly(fields.split(", "));
  }

  @Test
  void refusesToDeleteAPolicyThatARuleUses() {
    api().put(RULES, ADMIN, "[{\"name\": \"uses-annual\", \"policy\": \"route-annual\"}]");

    Reply refused = api().delete("/v1/policies/route-annual", ADMIN);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat((String) refused.object().get("detail")).contains("uses-annual");
    assertThat(api().get("/v1/policies/route-annual", ADMIN).status()).isEqualTo(200);

    api().put(RULES, ADMIN, "[]");
    assertThat(api().delete("/v1/policies/route-annual", ADMIN).status()).isEqualTo(204);
  }
}
