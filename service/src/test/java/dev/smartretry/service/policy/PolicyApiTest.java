package dev.smartretry.service.policy;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.clock.ServiceClock;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestApiKeys;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyApiTest implements TestApiKeys {
  private static final Instant NOW = Instant.parse("2026-03-01T14:05:00Z");

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject PolicyStore store;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("test.fixed-clock", "true");
    return properties;
  }

  @Factory
  @Requires(property = "test.fixed-clock")
  static class FixedClock {
    @Singleton
    @Replaces(ServiceClock.class)
    ServiceClock clock() {
      return new SettableClock(NOW);
    }
  }

  private Api api() {
    return new Api(client, json);
  }

  @Test
  void aManualPolicyNeedsNoScheduleAndReadsBackAsManual() {
    Reply created =
        api()
            .put(
                "/v1/policies/crud-vip",
                ADMIN,
                "{\"mode\": \"manual\", \"final_action\": \"leave_open\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.object())
        .containsEntry("mode", "manual")
        .containsEntry("final_action", "leave_open");
    Reply wrong = api().put("/v1/policies/crud-vip", ADMIN, "{\"mode\": \"person\"}");
    assertThat(wrong.errors())
        .containsExactly(Map.of("field", "mode", "message", "must be smart, fixed or manual"));
    assertThat(api().delete("/v1/policies/crud-vip", ADMIN).status()).isEqualTo(204);
  }

  @Test
  void createsReadsReplacesAndDeletesAPolicy() {
    String annual =
        """
        {"name": "crud-annual", "mode": "fixed", "max_retries": 3, "max_duration": "P21D",
         "min_interval": "PT6H", "schedule": ["P2D", "P1DT12H0M"], "final_action": "leave_open",
         "grace_period": "P1D", "control_share": 0.25}
        """;
    // P1DT12H0M < P2D: the schedule must increase.
    assertThat(api().put("/v1/policies/crud-annual", ADMIN, annual).errorFields())
        .containsExactly("schedule[1]");

    String valid = annual.replace("\"P1DT12H0M\"", "\"P7DT12H\"");
    Reply created = api().put("/v1/policies/crud-annual", ADMIN, valid);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.headers().get("Location")).isEqualTo("/v1/policies/crud-annual");
    Map<String, Object> expected =
        Map.of(
            "name", "crud-annual",
            "mode", "fixed",
            "max_retries", 3,
            "max_duration", "P21D",
            "min_interval", "PT6H",
            "schedule", List.of("P2D", "P7DT12H"),
            "final_action", "leave_open",
            "grace_period", "P1D",
            "control_share", 0.25);
    assertThat(created.object()).isEqualTo(expected);
    assertThat(api().get("/v1/policies/crud-annual", ADMIN).object()).isEqualTo(expected);

    Reply replaced =
        api().put("/v1/policies/crud-annual", ADMIN, "{\"max_retries\": 5, \"schedule\": []}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.object())
        .containsEntry("mode", "smart")
        .containsEntry("max_retries", 5)
        .containsEntry("schedule", List.of())
        .containsEntry("final_action", "mark_uncollectible")
        .containsEntry("grace_period", "PT0S")
        .containsEntry("control_share", 0.0);
    assertThat(api().get("/v1/policies/crud-annual", ADMIN).object()).isEqualTo(replaced.object());

    assertThat(api().delete("/v1/policies/crud-annual", ADMIN).status()).isEqualTo(204);
    Reply gone = api().get("/v1/policies/crud-annual", ADMIN);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).isEqualTo("application/problem+json");
    assertThat(gone.object()).containsEntry("title", "Not Found").containsKey("detail");
    assertThat(api().delete("/v1/policies/crud-annual", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void fillsInTheDefaultsAndCutsTheDefaultScheduleToFit() {
    Reply defaults = api().put("/v1/policies/defaults-all", ADMIN, "{}");
    assertThat(defaults.object())
        .isEqualTo(
            Map.of(
                "name", "defaults-all",
                "mode", "smart",
                "max_retries", 8,
                "max_duration", "P14D",
                "min_interval", "PT1H",
                "schedule", List.of("P1D", "P3D", "P5D", "P7D"),
                "final_action", "mark_uncollectible",
                "grace_period", "PT0S",
                "control_share", 0.0));

    Reply cut =
        api()
            .put(
                "/v1/policies/defaults-cut",
                ADMIN,
                "{\"max_duration\": \"P4D\", \"max_retries\": 1, \"min_interval\": \"PT30M\"}");
    assertThat(cut.object()).containsEntry("schedule", List.of("P1D"));
  }

  @Test
  void keepsDurationsAsWritten() {
    String body =
        """
        {"max_duration": "P1DT12H", "min_interval": "PT90M", "schedule": ["PT120M", "P1DT2H"]}
        """;
    assertThat(api().put("/v1/policies/as-written", ADMIN, body).object())
        .containsEntry("max_duration", "P1DT12H")
        .containsEntry("min_interval", "PT90M")
        .containsEntry("schedule", List.of("PT120M", "P1DT2H"));
  }

  @Test
  void listsPoliciesByName() {
    api().put("/v1/policies/list-b", ADMIN, "{}");
    api().put("/v1/policies/list-a", ADMIN, "{}");
    api().put("/v1/policies/list-_", ADMIN, "{}");

    List<String> names =
        api().get("/v1/policies", ADMIN).array().stream()
            .map(policy -> (String) ((Map<?, ?>) policy).get("name"))
            .toList();

    // Byte order, whatever the database's collation: "_" sorts before "a".
    assertThat(names).contains("default").isSorted();
    assertThat(names).containsSubsequence("list-_", "list-a", "list-b");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"mode": "clever"}                                        | mode
          {"max_retries": 0}                                        | max_retries
          {"max_retries": 26}                                       | max_retries
          {"max_duration": "P1M"}                                   | max_duration
          {"max_duration": "P1Y"}                                   | max_duration
          {"max_duration": "P2W"}                                   | max_duration
          {"max_duration": "P61D"}                                  | max_duration
          {"max_duration": "PT0S"}                                  | max_duration
          {"max_duration": "-P1D"}                                  | max_duration
          {"max_duration": "PT1.5H"}                                | max_duration
          {"max_duration": "p14d"}                                  | max_duration
          {"max_duration": "14 days"}                               | max_duration
          {"max_duration": "P99999999999999999999D"}                | max_duration
          {"min_interval": "P0D"}                                   | min_interval
          {"min_interval": "P15D"}                                  | min_interval
          {"max_duration": "P2D", "min_interval": "PT49H"}          | min_interval
          {"schedule": ["P1D", "P1D"]}                              | schedule[1]
          {"schedule": ["P3D", "P2D"]}                              | schedule[1]
          {"schedule": ["P1D", "P15D"]}                             | schedule[1]
          {"schedule": ["P1D", "P1M"]}                              | schedule[1]
          {"schedule": ["P1D", null]}                               | schedule[1]
          {"max_retries": 2, "schedule": ["P1D", "P2D", "P3D"]}     | schedule
          {"mode": "fixed"}                                         | schedule
          {"mode": "fixed", "schedule": []}                         | schedule
          {"final_action": "shrug"}                                 | final_action
          {"grace_period": "P14D"}                                  | grace_period
          {"grace_period": "-PT1H"}                                 | grace_period
          {"grace_period": "P1M"}                                   | grace_period
          {"control_share": 0.51}                                   | control_share
          {"control_share": -0.01}                                  | control_share
          {"name": "someone-else"}                                  | name
          {"mode": "x", "max_retries": 99, "final_action": "y"}     | mode, max_retries, final_action
          {"max_duration": "P5D", "schedule": ["P6D", "P2D"]}       | schedule[0], schedule[1]
          """)
  void refusesAnInvalidFieldByName(String body, String fields) {
    Reply refused = api().put("/v1/policies/invalid-policy", ADMIN, body);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.errorFields()).containsExactly(fields.split(", "));
    assertThat(refused.errors()).allSatisfy(error -> assertThat(error.get("message")).isNotBlank());
    assertThat(api().get("/v1/policies/invalid-policy", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void refusesMonthsWithAMessageThatSaysWhy() {
    Reply refused = api().put("/v1/policies/months", ADMIN, "{\"max_duration\": \"P1M\"}");

    assertThat(refused.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.get("message")).contains("months", "P30D"));
  }

  @ParameterizedTest
  @CsvSource({
    "Upper",
    "with.dot",
    "a-name-of-sixty-five-characters-which-is-one-more-than-allowed-xy"
  })
  void refusesAnInvalidNameInThePath(String name) {
    assertThat(api().put("/v1/policies/" + name, ADMIN, "{}").errorFields())
        .containsExactly("name");
  }

  @Test
  void acceptsTheNameInTheBodyWhenItIsThePathsName() {
    assertThat(api().put("/v1/policies/named", ADMIN, "{\"name\": \"named\"}").status())
        .isEqualTo(201);
  }

  @Test
  void neverDeletesTheDefaultPolicy() {
    Reply refused = api().delete("/v1/policies/default", ADMIN);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.object()).containsEntry("title", "Conflict").containsEntry("status", 409);
    assertThat(api().get("/v1/policies/default", ADMIN).status()).isEqualTo(200);
  }

  @Test
  void replacesTheDefaultPolicy() {
    Map<String, Object> before = api().get("/v1/policies/default", ADMIN).object();

    Reply replaced =
        api().put("/v1/policies/default", ADMIN, api().get("/v1/policies/default", ADMIN).body());

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.object()).isEqualTo(before);
  }

  @Test
  void theNextFindSeesAChange() {
    api().put("/v1/policies/live", ADMIN, "{\"max_retries\": 4}");
    assertThat(store.find("live")).map(Policy::maxRetries).contains(4);

    api().put("/v1/policies/live", ADMIN, "{\"max_retries\": 6}");
    assertThat(store.find("live")).map(Policy::maxRetries).contains(6);

    api().delete("/v1/policies/live", ADMIN);
    assertThat(store.find("live")).isEmpty();
  }

  @Test
  void recordsTheServiceClocksTime() throws Exception {
    api().put("/v1/policies/clocked", ADMIN, "{}");

    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement select =
            connection.prepareStatement(
                "select created_at, updated_at from policies where name = 'clocked'")) {
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getTimestamp("created_at").toInstant()).isEqualTo(NOW);
        assertThat(row.getTimestamp("updated_at").toInstant()).isEqualTo(NOW);
      }
    }
  }
}
