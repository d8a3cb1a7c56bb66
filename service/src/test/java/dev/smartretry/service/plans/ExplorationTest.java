package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.StoredHistory;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exploration in the scheduler (issue 13): with {@code smart-retry.exploration-share} set, every
 * retry the scheduler runs is stored with the probability its time was chosen with, an explored one
 * has a probability below 1 and a time within the policy's rules, the export carries the column,
 * and the decision endpoint is never explored. Time moves only when the test moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorationTest {
  private static final String PATH = "/v1/payment-failures";
  private static final double SHARE = 0.2;
  private static final int INVOICES = 30;
  private static final Instant NOW = Instant.parse("2026-03-01T14:06:00Z");
  private static final Instant FIRST_FAILURE = NOW.minusSeconds(60);

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private ServiceInstance service;
  private JsonMapper json;
  private final Map<String, Double> probabilities = new LinkedHashMap<>();
  private final Map<String, Object> registeredTimes = new LinkedHashMap<>();

  @TempDir Path files;

  @BeforeAll
  void registerMany() throws Exception {
    service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                "smart-retry.exploration-share",
                Double.toString(SHARE)));
    json = service.bean(JsonMapper.class);
    gateway.answer(call -> failed("insufficient_funds"));
    for (int index = 0; index < INVOICES; index++) {
      Reply reply =
          service
              .api()
              .post(
                  PATH,
                  BILLING,
                  json.writeValueAsString(registration("in_explore_" + index, FIRST_FAILURE)));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      registeredTimes.put("in_explore_" + index, reply.object().get("next_payment_attempt"));
    }
    probabilities.putAll(
        query("select invoice_id, selection_probability from payment_plans order by id"));
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void everyScheduledRetryHasItsSelectionProbabilityAndAShareIsExplored() {
    assertThat(probabilities).hasSize(INVOICES).doesNotContainValue(null);
    long explored = probabilities.values().stream().filter(p -> p < 1 - SHARE).count();
    long exploited = probabilities.values().stream().filter(p -> p >= 1 - SHARE).count();
    // Which invoices explore is a hash of their ids, the same on every run: 30 at 0.2.
    assertThat(explored).isPositive();
    assertThat(exploited).isPositive();
    assertThat(probabilities.values()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
  }

  @Test
  void anExploredRetryRunsWithinThePolicysRulesAndIsStoredWithItsProbability() throws Exception {
    String invoice = exploredInvoice();
    Map<String, Object> plan = service.api().get(PATH + "/" + invoice, BILLING).object();
    Instant next = Instant.parse((String) plan.get("next_payment_attempt"));
    // The default policy: at least the min interval (1 h) after the failure, by its deadline.
    assertThat(next)
        .isBetween(
            FIRST_FAILURE.plus(Duration.ofHours(1)), FIRST_FAILURE.plus(Duration.ofDays(14)));
    assertThat(plan).containsEntry("reason", "model_optimum").containsEntry("arm", "smart");

    // Other plans' retries come due on the way; they fail and are decided again.
    clock.set(next);
    service.bean(RetryExecutor.class).wake();
    while (!gateway.awaitCall().invoiceId().equals(invoice)) {
      service.bean(RetryExecutor.class).wake();
    }
    service
        .changes()
        .await(
            changed ->
                changed.invoiceId().equals(invoice)
                    && changed.change() == PlanChanged.Change.RETRIED);

    Map<String, Double> attempts =
        query(
            "select attempt_number::text, selection_probability from attempts where invoice_id = '"
                + invoice
                + "' order by attempt_number");
    assertThat(attempts).containsEntry("1", null).containsEntry("2", probabilities.get(invoice));
    // Decided again after the failure: the plan holds the next retry's probability.
    assertThat(
            query(
                    "select invoice_id, selection_probability from payment_plans where invoice_id = '"
                        + invoice
                        + "'")
                .get(invoice))
        .isNotNull();

    Path file = files.resolve("export.csv");
    try (Connection connection = database.connect();
        HistoryWriter writer =
            HistoryWriter.open(file, HistoryWriter.Columns.WITH_SELECTION_PROBABILITY)) {
      StoredHistory.export(connection, null, null, writer::write, rows -> {});
    }
    assertThat(Files.readAllLines(file).get(0)).endsWith(",selection_probability");
    List<Invoice> read = new ArrayList<>();
    HistoryReader.builder().strict(true).build().read(file, read::add);
    Invoice exported =
        read.stream().filter(i -> i.invoiceId().equals(invoice)).findFirst().orElseThrow();
    assertThat(exported.attempts())
        .extracting(Attempt::selectionProbability)
        .containsExactly(OptionalDouble.empty(), OptionalDouble.of(probabilities.get(invoice)));
  }

  @Test
  void theDecisionEndpointIsNotExplored() throws Exception {
    String invoice = exploredInvoice();
    Map<String, Object> request = registration(invoice, FIRST_FAILURE);
    request.put("as_of", NOW.toString());
    Reply answer =
        service.api().post("/v1/retry-decisions", BILLING, json.writeValueAsString(request));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    // The same invoice, attempts and moment: the endpoint answers the planner's best, not the
    // time the scheduler's draw moved this plan's retry to.
    assertThat(answer.object().get("next_attempt_at")).isNotEqualTo(registeredTimes.get(invoice));
    // And for an invoice that was not explored, the endpoint and the registration agree.
    String exploited =
        probabilities.entrySet().stream()
            .filter(entry -> entry.getValue() >= 1 - SHARE)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    Map<String, Object> same = registration(exploited, FIRST_FAILURE);
    same.put("as_of", NOW.toString());
    assertThat(
            service
                .api()
                .post("/v1/retry-decisions", BILLING, json.writeValueAsString(same))
                .object()
                .get("next_attempt_at"))
        .isEqualTo(registeredTimes.get(exploited));
    assertThat(answer.object()).doesNotContainKey("selection_probability");
  }

  @Test
  void aShareOutOfRangeStopsTheStartNamingTheSetting() {
    assertThatThrownBy(
            () ->
                ServiceInstance.start(
                        database,
                        clock,
                        Map.of(
                            "smart-retry.gateway-url",
                            gateway.url(),
                            "smart-retry.exploration-share",
                            "0.5"))
                    .close())
        .hasStackTraceContaining("SMART_RETRY_EXPLORATION_SHARE")
        .hasStackTraceContaining("from 0 to 0.2");
  }

  /** The first invoice whose retry was explored, before any test ran one. */
  private String exploredInvoice() {
    return probabilities.entrySet().stream()
        .filter(entry -> entry.getValue() < 1 - SHARE)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private Map<String, Double> query(String sql) throws Exception {
    Map<String, Double> rows = new LinkedHashMap<>();
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        double value = result.getDouble(2);
        Double probability = result.wasNull() ? null : value;
        rows.put(result.getString(1), probability);
      }
    }
    return rows;
  }
}
