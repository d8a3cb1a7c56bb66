package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static dev.smartretry.service.testing.TestGateway.failed;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.service.plans.PlanChanged;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/metrics/calibration} and the {@code smart_retry_model_log_loss} gauge against the
 * probabilities the shipped model gave three retries the scheduler ran, one of which succeeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final List<String> INVOICES = List.of("in_cal_1", "in_cal_2", "in_cal_3");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private final Map<String, Double> predicted = new LinkedHashMap<>();
  private ServiceInstance service;

  @BeforeAll
  void runThreeRetries() {
    service =
        ServiceInstance.start(database, clock, Map.of("smart-retry.gateway-url", gateway.url()));
    JsonMapper json = service.bean(JsonMapper.class);
    gateway.answer(
        call -> "in_cal_1".equals(call.invoiceId()) ? succeeded() : failed("do_not_honor"));
    Instant latest = NOW;
    for (String invoice : INVOICES) {
      Map<String, Object> body = registration(invoice, NOW.minusSeconds(60));
      body.put("customer_id", "cus_" + invoice);
      Reply reply;
      try {
        reply = service.api().post("/v1/payment-failures", BILLING, json.writeValueAsString(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      Map<String, Object> plan = reply.object();
      assertThat(plan).containsEntry("reason", "model_optimum");
      predicted.put(invoice, ((Number) plan.get("success_probability")).doubleValue());
      Instant next = Instant.parse((String) plan.get("next_payment_attempt"));
      latest = next.isAfter(latest) ? next : latest;
    }
    // Every retry is due once the clock passes the latest; the scheduler finds them at its poll,
    // in any order.
    clock.set(latest);
    Set<String> retried = new HashSet<>();
    while (retried.size() < INVOICES.size()) {
      retried.add(
          service
              .changes()
              .await(
                  changed ->
                      INVOICES.contains(changed.invoiceId())
                          && changed.change() == PlanChanged.Change.RETRIED)
              .invoiceId());
    }
    // Time moves on; every plan is final.
    clock.set(latest.plusSeconds(60));
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void binsTheRetriesByTheirPredictedProbability() {
    Map<String, Object> answer = calibration();
    assertThat(answer.get("retries")).isEqualTo(3);
    assertThat(((Number) answer.get("log_loss")).doubleValue())
        .isCloseTo(expectedLogLoss(), within(0.00006));

    Map<Integer, List<Double>> expectedBins = new LinkedHashMap<>();
    predicted.forEach(
        (invoice, p) ->
            expectedBins
                .computeIfAbsent(Math.min(9, (int) Math.floor(p * 10)), bin -> new ArrayList<>())
                .add(p));
    List<Map<String, Object>> bins = list(answer.get("bins"));
    assertThat(bins).hasSize(expectedBins.size());
    for (Map<String, Object> bin : bins) {
      int number = (int) Math.round(((Number) bin.get("from")).doubleValue() * 10);
      List<Double> inBin = expectedBins.get(number);
      assertThat(inBin).as("bin %s", bin).isNotNull();
      assertThat(bin.get("retries")).isEqualTo(inBin.size());
      assertThat(((Number) bin.get("mean_predicted")).doubleValue())
          .isCloseTo(inBin.stream().mapToDouble(p -> p).average().orElseThrow(), within(0.00006));
      long succeededInBin =
          predicted.entrySet().stream()
              .filter(e -> e.getKey().equals("in_cal_1") && inBin.contains(e.getValue()))
              .count();
      assertThat(((Number) bin.get("observed_rate")).doubleValue())
          .isCloseTo((double) succeededInBin / inBin.size(), within(0.00006));
    }
  }

  @Test
  void weekByWeekTheSameRetries() {
    List<Map<String, Object>> weeks = list(calibration().get("weeks"));
    // 2026-03-04 is a Wednesday: its week began on Monday 2026-03-02, and every retry ran in it.
    assertThat(weeks).hasSize(1);
    assertThat(weeks.get(0)).containsEntry("week", "2026-03-02").containsEntry("retries", 3);
    assertThat(((Number) weeks.get(0).get("log_loss")).doubleValue())
        .isCloseTo(expectedLogLoss(), within(0.00006));
  }

  @Test
  void prometheusShowsTheRecentLogLoss() {
    Reply reply = service.api().get("/prometheus", BILLING);
    String line =
        reply
            .body()
            .lines()
            .filter(sample -> sample.startsWith("smart_retry_model_log_loss "))
            .findFirst()
            .orElseThrow();
    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    assertThat(value).isCloseTo(expectedLogLoss(), within(0.00006));
  }

  @Test
  void anEmptyWindowHasNoLogLoss() {
    Reply reply =
        service
            .api()
            .get(
                "/v1/metrics/calibration?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z",
                VIEWER);
    assertThat(reply.object())
        .containsEntry("retries", 0)
        .containsEntry("log_loss", null)
        .containsEntry("bins", List.of())
        .containsEntry("weeks", List.of());
  }

  private double expectedLogLoss() {
    double sum = 0;
    for (Map.Entry<String, Double> retry : predicted.entrySet()) {
      double p = retry.getValue();
      sum += retry.getKey().equals("in_cal_1") ? -Math.log(p) : -Math.log(1 - p);
    }
    return sum / predicted.size();
  }

  private Map<String, Object> calibration() {
    Reply reply =
        service
            .api()
            .get(
                "/v1/metrics/calibration?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z",
                VIEWER);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.object();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
