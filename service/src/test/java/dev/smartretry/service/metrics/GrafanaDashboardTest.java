package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartretry.service.plans.PlanChanged;
import dev.smartretry.service.testing.DeliveriesSeen;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.http.HttpRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/grafana/smart-retry.json: a dashboard Grafana imports (the structure of its JSON model, by
 * hand: Grafana publishes the model as CUE and TypeScript, not as a JSON Schema), whose queries use
 * only metrics the service exports on {@code /prometheus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardTest {
  // Surefire runs in the service module's directory.
  private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "smart-retry.json");
  private static final String INPUT = "DS_PROMETHEUS";
  private static final String DATASOURCE_UID = "${" + INPUT + "}";
  // A metric name inside PromQL; label names and functions never start with the prefix.
  private static final Pattern METRIC = Pattern.compile("\\bsmart_retry_[a-zA-Z0-9_:]*");
  private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

  private JsonNode dashboard;

  @BeforeAll
  void read() throws IOException {
    dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  @Test
  void isADashboardGrafanaImports() {
    assertThat(dashboard.path("title").asText()).isEqualTo("Smart Retry");
    // Grafana's uid: at most 40 characters of letters, digits, '-' and '_'.
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    // 36 is Grafana 9.0's; older versions would not know the panels' datasource objects.
    assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("time").path("from").asText()).isEqualTo("now-24h");
    assertThat(dashboard.path("time").path("to").asText()).isEqualTo("now");
    assertThat(dashboard.path("refresh").asText()).isEqualTo("30s");
    // An exported dashboard's id is null: Grafana assigns its own on import.
    assertThat(dashboard.path("id").isNull()).isTrue();

    List<JsonNode> inputs = list(dashboard.path("__inputs"));
    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).path("name").asText()).isEqualTo(INPUT);
    assertThat(inputs.get(0).path("type").asText()).isEqualTo("datasource");
    assertThat(inputs.get(0).path("pluginId").asText()).isEqualTo("prometheus");
  }

  @Test
  void panelsAreWellFormedAndDoNotOverlap() {
    List<JsonNode> panels = list(dashboard.path("panels"));
    assertThat(panels).isNotEmpty();
    Set<Integer> ids = new HashSet<>();
    List<int[]> areas = new ArrayList<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(title).as("a panel's title").isNotBlank();
      assertThat(panel.path("id").isInt()).as(title + ": id").isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as(title + ": unique id").isTrue();
      assertThat(panel.path("type").asText()).as(title + ": type").isNotBlank();
      assertUsesTheInput(panel.path("datasource"), title);

      JsonNode grid = panel.path("gridPos");
      for (String field : List.of("x", "y", "w", "h")) {
        assertThat(grid.path(field).isInt()).as(title + ": gridPos." + field).isTrue();
      }
      int x = grid.path("x").asInt();
      int y = grid.path("y").asInt();
      int w = grid.path("w").asInt();
      int h = grid.path("h").asInt();
      // Grafana's grid is 24 columns wide.
      assertThat(x).as(title + ": x").isBetween(0, 23);
      assertThat(w).as(title + ": w").isBetween(1, 24);
      assertThat(x + w).as(title + ": x + w").isLessThanOrEqualTo(24);
      assertThat(y).as(title + ": y").isNotNegative();
      assertThat(h).as(title + ": h").isPositive();
      for (int[] other : areas) {
        boolean apart =
            x + w <= other[0]
                || other[0] + other[2] <= x
                || y + h <= other[1]
                || other[1] + other[3] <= y;
        assertThat(apart).as(title + " overlaps another panel").isTrue();
      }
      areas.add(new int[] {x, y, w, h});

      List<JsonNode> targets = list(panel.path("targets"));
      assertThat(targets).as(title + ": targets").isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : targets) {
        assertThat(target.path("expr").asText()).as(title + ": expr").isNotBlank();
        assertThat(refIds.add(target.path("refId").asText()))
            .as(title + ": unique refId " + target.path("refId"))
            .isTrue();
        assertThat(target.path("refId").asText()).as(title + ": refId").isNotBlank();
        if (target.has("datasource")) {
          assertUsesTheInput(target.path("datasource"), title);
        }
      }
    }
  }

  /**
   * Every metric a query names is one a real service exports, with a series of every tagged
   * counter: a payment failure retried and recovered through a test gateway, and an event delivered
   * to a test receiver, before {@code /prometheus} is read.
   */
  @Test
  void queriesUseOnlyMetricsTheServiceExports() {
    Set<String> exported = exportedSeriesNames();

    Set<String> missing = new TreeSet<>();
    for (String metric : metricsInQueries()) {
      if (!exported.contains(metric)) {
        missing.add(metric);
      }
    }
    assertThat(missing).as("metrics the dashboard queries that /prometheus lacks").isEmpty();
  }

  private Set<String> metricsInQueries() {
    Set<String> metrics = new TreeSet<>();
    for (JsonNode panel : list(dashboard.path("panels"))) {
      for (JsonNode target : list(panel.path("targets"))) {
        Matcher matcher = METRIC.matcher(target.path("expr").asText());
        while (matcher.find()) {
          metrics.add(matcher.group());
        }
      }
    }
    assertThat(metrics).isNotEmpty();
    return metrics;
  }

  /**
   * The names a query may use for the families on {@code /prometheus}: a counter's with {@code
   * _total}, a histogram's {@code _bucket}, {@code _count} and {@code _sum}, the others' as they
   * are.
   */
  private static Set<String> exportedSeriesNames() {
    Set<String> names = new HashSet<>();
    for (String line : prometheusOfAServiceThatDidEverything().split("\n")) {
      Matcher type = TYPE_LINE.matcher(line);
      if (!type.matches()) {
        continue;
      }
      String family = type.group(1);
      switch (type.group(2)) {
        case "counter" -> {
          // The text format names the family with or without _total, by client version.
          names.add(family.endsWith("_total") ? family : family + "_total");
        }
        case "histogram", "summary" -> {
          names.add(family + "_count");
          names.add(family + "_sum");
          if (type.group(2).equals("histogram")) {
            names.add(family + "_bucket");
          } else {
            names.add(family);
          }
        }
        default -> names.add(family);
      }
    }
    assertThat(names).isNotEmpty();
    return names;
  }

  private static String prometheusOfAServiceThatDidEverything() {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
    try (TestGateway gateway = new TestGateway();
        TestGateway receiver = new TestGateway();
        ServiceInstance service =
            ServiceInstance.start(
                TestDatabase.fresh(),
                clock,
                Map.of(
                    "smart-retry.gateway-url",
                    gateway.url(),
                    "smart-retry.secret-key",
                    Base64.getEncoder().encodeToString(new byte[32]),
                    "smart-retry.webhooks-allow-private",
                    "true"))) {
      gateway.answer(call -> TestGateway.succeeded());
      receiver.answer(call -> new TestGateway.Reply.Status(204, ""));
      Reply endpoint =
          service
              .api()
              .post(
                  "/v1/webhook-endpoints",
                  ADMIN,
                  "{\"url\": \"" + receiver.url() + "\", \"events\": [\"invoice.recovered\"]}");
      assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);

      Map<String, Object> failure =
          new HashMap<>(registration("in_dashboard_1", clock.instant().minusSeconds(60)));
      Reply registered = service.api().post("/v1/payment-failures", BILLING, json(failure));
      assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

      // The scheduler polls by the clock; the retry is due once the clock reaches it.
      clock.set(Instant.parse((String) registered.object().get("next_payment_attempt")));
      service
          .changes()
          .await(
              changed ->
                  changed.invoiceId().equals("in_dashboard_1")
                      && changed.change() == PlanChanged.Change.RETRIED);
      service.bean(DeliveriesSeen.class).await(tried -> true);

      return service.api().send(HttpRequest.GET("/prometheus")).body();
    }
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertUsesTheInput(JsonNode datasource, String where) {
    assertThat(datasource.path("type").asText())
        .as(where + ": datasource type")
        .isEqualTo("prometheus");
    assertThat(datasource.path("uid").asText())
        .as(where + ": datasource uid")
        .isEqualTo(DATASOURCE_UID);
  }

  private static List<JsonNode> list(JsonNode array) {
    assertThat(array.isArray()).as("an array: " + array).isTrue();
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
