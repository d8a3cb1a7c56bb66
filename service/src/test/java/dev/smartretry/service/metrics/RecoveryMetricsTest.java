package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.decision.ControlGroup;
import dev.smartretry.service.plans.PlanChanged;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/metrics/recovery}, {@code /uplift} and {@code /time-to-recovery} against figures
 * worked out by hand on a small fixed set of invoices: reported ones (section 2b) and managed plans
 * in every status, two currencies, two arms, and invoices on both edges of the window.
 *
 * <p>The window is 2026-03-01 (inclusive) to 2026-03-15 (exclusive); the clock stands at 2026-03-20
 * 12:00 UTC. Every invoice is in Europe/Paris (UTC+1 in March), so local hours are UTC hours + 1.
 *
 * <pre>
 * invoice  source    first failure (UTC)  code              amount    card               retries                      status
 * r1       reported  03-02 10:00          insufficient_funds EUR 1000 visa debit FR      #1 failed 03-03 10:00,       recovered (72 h)
 *                                                                                         #2 succeeded 03-05 10:00
 * r2       reported  03-02 11:00          do_not_honor      EUR 2000  mastercard credit DE #1 succeeded 03-03 11:00   recovered (24 h)
 * r3       reported  03-10 08:00          insufficient_funds USD 500  visa debit US      #1 failed 03-11 08:00        in recovery (deadline 03-24)
 * r4       reported  03-01 00:00 (edge)   stolen_card       USD 700   visa credit US     none                         stopped
 * r5       reported  03-15 00:00 (out)    insufficient_funds EUR 300  visa debit FR      none                         not counted
 * r6       reported  02-28 23:59:59 (out) insufficient_funds EUR 400  visa debit FR      none                         not counted
 * r7       reported  03-03 09:00          insufficient_funds EUR 900  visa debit FR      #1 failed 03-04 09:00        exhausted (deadline 03-17 passed)
 * m1       managed   03-12 12:00          insufficient_funds EUR 4900 visa debit FR      none (due 03-24)             scheduled
 * m2       managed   03-13 12:00          insufficient_funds EUR 4900 visa debit FR      none                         resolved (voided)
 * m3       managed   03-02 12:00          insufficient_funds EUR 4900 visa debit FR      none                         exhausted (deadline passed)
 * m4       managed   03-11 12:00          insufficient_funds EUR 4900 visa debit FR      #1 succeeded 03-20 12:00     recovered (216 h)
 * </pre>
 *
 * Reported invoices follow the policy {@code split} (control share 0.5); m1, m2 and m4 inline fixed
 * policies; m3 the default policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryMetricsTest {
  private static final String WINDOW = "from=2026-03-01T00:00:00Z&to=2026-03-15T00:00:00Z";
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private ServiceInstance service;
  private JsonMapper json;

  @BeforeAll
  void fill() {
    service =
        ServiceInstance.start(
            database,
            clock,
            // Days are summed by the test, not by the minute.
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                "smart-retry.metrics.sum-days-after",
                "1000d"));
    json = service.bean(JsonMapper.class);
    gateway.answer(call -> succeeded());
    ok(
        api()
            .put(
                "/v1/policies/split",
                ADMIN,
                "{\"control_share\": 0.5, \"max_retries\": 8, \"max_duration\": \"P14D\"}"));

    report(
        "r1", "EUR", 1000, "visa", "debit", "FR", 1, "2026-03-02T10:00:00Z", "insufficient_funds");
    report(
        "r1", "EUR", 1000, "visa", "debit", "FR", 2, "2026-03-03T10:00:00Z", "insufficient_funds");
    report("r1", "EUR", 1000, "visa", "debit", "FR", 3, "2026-03-05T10:00:00Z", null);
    report(
        "r2", "EUR", 2000, "mastercard", "credit", "DE", 1, "2026-03-02T11:00:00Z", "do_not_honor");
    report("r2", "EUR", 2000, "mastercard", "credit", "DE", 2, "2026-03-03T11:00:00Z", null);
    report(
        "r3", "USD", 500, "visa", "debit", "US", 1, "2026-03-10T08:00:00Z", "insufficient_funds");
    report(
        "r3", "USD", 500, "visa", "debit", "US", 2, "2026-03-11T08:00:00Z", "insufficient_funds");
    report("r4", "USD", 700, "visa", "credit", "US", 1, "2026-03-01T00:00:00Z", "stolen_card");
    report(
        "r5", "EUR", 300, "visa", "debit", "FR", 1, "2026-03-15T00:00:00Z", "insufficient_funds");
    report(
        "r6", "EUR", 400, "visa", "debit", "FR", 1, "2026-02-28T23:59:59Z", "insufficient_funds");
    report(
        "r7", "EUR", 900, "visa", "debit", "FR", 1, "2026-03-03T09:00:00Z", "insufficient_funds");
    report(
        "r7", "EUR", 900, "visa", "debit", "FR", 2, "2026-03-04T09:00:00Z", "insufficient_funds");

    register("m1", "2026-03-12T12:00:00Z", Map.of("mode", "fixed", "schedule", List.of("P12D")));
    register("m2", "2026-03-13T12:00:00Z", Map.of("mode", "fixed", "schedule", List.of("P12D")));
    ok(api().post("/v1/payment-failures/m2/resolve", BILLING, "{\"resolution\": \"voided\"}"));
    register("m3", "2026-03-02T12:00:00Z", "default");
    register(
        "m4",
        "2026-03-11T12:00:00Z",
        Map.of("mode", "fixed", "schedule", List.of("P9D"), "max_retries", 1));
    // m4's retry is due now: its registration woke the scheduler, which runs it, and the gateway
    // says it succeeded.
    service
        .changes()
        .await(
            changed ->
                changed.invoiceId().equals("m4") && changed.change() == PlanChanged.Change.RETRIED);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void oneGroupOfEverything() {
    Map<String, Object> answer = recovery("");
    assertThat(answer.get("from")).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(answer.get("to")).isEqualTo("2026-03-15T00:00:00Z");
    assertThat(answer.get("group_by")).isNull();
    Map<String, Object> all = only(answer);
    assertThat(all.get("key")).isEqualTo("all");
    assertThat(counts(all)).isEqualTo(List.of(9, 3, 2, 2, 1, 1));
    assertThat(all.get("recovery_rate")).isEqualTo(0.3333);
    assertThat(all.get("failed_amount_minor")).isEqualTo(Map.of("EUR", 23500, "USD", 1200));
    assertThat(all.get("recovered_amount_minor")).isEqualTo(Map.of("EUR", 7900));
    assertThat(all.get("retries_executed")).isEqualTo(6);
    assertThat(all.get("retries_per_recovery")).isEqualTo(2.0);
    assertThat(all.get("median_hours_to_recovery")).isEqualTo(72.0);
  }

  @Test
  void byDeclineCodeOfTheFirstFailure() {
    Map<String, Map<String, Object>> groups = groups("decline_code");
    assertThat(groups.keySet())
        .containsExactly("do_not_honor", "insufficient_funds", "stolen_card");
    assertThat(counts(groups.get("insufficient_funds"))).isEqualTo(List.of(7, 2, 2, 2, 0, 1));
    assertThat(groups.get("insufficient_funds").get("retries_executed")).isEqualTo(5);
    assertThat(groups.get("insufficient_funds").get("median_hours_to_recovery")).isEqualTo(144.0);
    assertThat(counts(groups.get("do_not_honor"))).isEqualTo(List.of(1, 1, 0, 0, 0, 0));
    assertThat(groups.get("do_not_honor").get("recovery_rate")).isEqualTo(1.0);
    assertThat(groups.get("do_not_honor").get("median_hours_to_recovery")).isEqualTo(24.0);
    assertThat(counts(groups.get("stolen_card"))).isEqualTo(List.of(1, 0, 0, 0, 1, 0));
    assertThat(groups.get("stolen_card").get("recovery_rate")).isEqualTo(0.0);
    assertThat(groups.get("stolen_card").get("retries_per_recovery")).isNull();
    assertThat(groups.get("stolen_card").get("median_hours_to_recovery")).isNull();
    assertThat(groups.get("stolen_card").get("recovered_amount_minor")).isEqualTo(Map.of());
  }

  @Test
  void byRetryNumberEveryRetryCountsUnderItsNumber() {
    Map<String, Map<String, Object>> groups = groups("retry_number");
    assertThat(groups.keySet()).containsExactly("1", "2");
    // Retry 1: r1 (failed), r2 (recovered it), r3 (failed), r7 (failed), m4 (recovered it).
    Map<String, Object> first = groups.get("1");
    assertThat(counts(first)).isEqualTo(List.of(5, 2, 1, 1, 0, 0));
    assertThat(first.get("retries_executed")).isEqualTo(5);
    assertThat(first.get("recovery_rate")).isEqualTo(0.4);
    assertThat(first.get("recovered_amount_minor")).isEqualTo(Map.of("EUR", 6900));
    // Retry 2: r1's, which recovered it.
    assertThat(counts(groups.get("2"))).isEqualTo(List.of(1, 1, 0, 0, 0, 0));
    assertThat(groups.get("2").get("median_hours_to_recovery")).isEqualTo(72.0);
  }

  @Test
  void byLocalHourOfEachRetry() {
    Map<String, Map<String, Object>> groups = groups("local_hour");
    assertThat(groups.keySet()).containsExactly("9", "10", "11", "12", "13");
    assertThat(counts(groups.get("9"))).isEqualTo(List.of(1, 0, 1, 0, 0, 0));
    assertThat(counts(groups.get("10"))).isEqualTo(List.of(1, 0, 0, 1, 0, 0));
    // Both of r1's retries were at 11:00 in Paris; the second recovered it.
    assertThat(counts(groups.get("11"))).isEqualTo(List.of(1, 1, 0, 0, 0, 0));
    assertThat(groups.get("11").get("retries_executed")).isEqualTo(2);
    assertThat(counts(groups.get("12"))).isEqualTo(List.of(1, 1, 0, 0, 0, 0));
    assertThat(counts(groups.get("13"))).isEqualTo(List.of(1, 1, 0, 0, 0, 0));
  }

  @Test
  void byDayAndWeekOfTheFirstFailure() {
    Map<String, Map<String, Object>> days = groups("day");
    assertThat(days.keySet())
        .containsExactly(
            "2026-03-01",
            "2026-03-02",
            "2026-03-03",
            "2026-03-10",
            "2026-03-11",
            "2026-03-12",
            "2026-03-13");
    assertThat(counts(days.get("2026-03-02"))).isEqualTo(List.of(3, 2, 0, 1, 0, 0));
    // 2026-03-01 is a Sunday: its week began on 2026-02-23.
    Map<String, Map<String, Object>> weeks = groups("week");
    assertThat(weeks.keySet()).containsExactly("2026-02-23", "2026-03-02", "2026-03-09");
    assertThat(counts(weeks.get("2026-02-23"))).isEqualTo(List.of(1, 0, 0, 0, 1, 0));
    assertThat(counts(weeks.get("2026-03-02"))).isEqualTo(List.of(4, 2, 0, 2, 0, 0));
    assertThat(counts(weeks.get("2026-03-09"))).isEqualTo(List.of(4, 1, 2, 0, 0, 1));
    assertThat(weeks.get("2026-03-09").get("failed_amount_minor"))
        .isEqualTo(Map.of("EUR", 14700, "USD", 500));
  }

  @Test
  void byCardPolicyAndArm() {
    assertThat(failedByKey("card_funding")).isEqualTo(Map.of("credit", 2, "debit", 7));
    assertThat(failedByKey("card_brand")).isEqualTo(Map.of("mastercard", 1, "visa", 8));
    assertThat(failedByKey("card_country")).isEqualTo(Map.of("DE", 1, "FR", 6, "US", 2));
    assertThat(failedByKey("policy")).isEqualTo(Map.of("default", 1, "inline", 3, "split", 5));
    Map<String, Integer> arms = new LinkedHashMap<>();
    arms.put("smart", 4);
    for (String customer : List.of("cus_r1", "cus_r2", "cus_r3", "cus_r4", "cus_r7")) {
      arms.merge(ControlGroup.armOf(customer, "split", 0.5).wireName(), 1, Integer::sum);
    }
    assertThat(failedByKey("arm")).isEqualTo(arms);
  }

  @Test
  void upliftComparesTheFinalInvoicesOfEachArm() {
    // Final: r1, r2 (recovered), r4 (stopped), r7 (exhausted) in the split policy's arms; m2, m3,
    // m4 in the smart arm. r3 and m1 are still in recovery.
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("smart", new long[] {3, 1});
    expected.put("control", new long[] {0, 0});
    Map<String, Boolean> recovered =
        Map.of("cus_r1", true, "cus_r2", true, "cus_r4", false, "cus_r7", false);
    recovered.forEach(
        (customer, yes) -> {
          long[] arm = expected.get(ControlGroup.armOf(customer, "split", 0.5).wireName());
          arm[0]++;
          arm[1] += yes ? 1 : 0;
        });
    Reply reply = api().get("/v1/metrics/uplift?" + WINDOW, VIEWER);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Map<String, Object> uplift = reply.object();
    for (String arm : List.of("smart", "control")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> figures = (Map<String, Object>) uplift.get(arm);
      assertThat(((Number) figures.get("invoices")).longValue()).isEqualTo(expected.get(arm)[0]);
      assertThat(((Number) figures.get("recovered")).longValue()).isEqualTo(expected.get(arm)[1]);
    }
    assertThat(uplift.get("status")).isEqualTo("measuring");
  }

  @Test
  void hoursToRecoveryByDay() {
    Reply reply = api().get("/v1/metrics/time-to-recovery?" + WINDOW, VIEWER);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Map<String, Object> answer = reply.object();
    assertThat(answer.get("bucket_hours")).isEqualTo(24);
    assertThat(answer.get("median_hours")).isEqualTo(72.0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> buckets = (List<Map<String, Object>>) answer.get("buckets");
    // 24 h (r2) is in [24, 48); 72 h (r1) in [72, 96); 216 h (m4) in [216, 240).
    assertThat(buckets.stream().map(b -> b.get("recovered_invoices")).toList())
        .isEqualTo(List.of(0, 1, 0, 1, 0, 0, 0, 0, 0, 1));
    assertThat(buckets.get(9)).containsEntry("from_hours", 216).containsEntry("to_hours", 240);
  }

  @Test
  void settledDaysSummedOnceGiveTheSameFigures() {
    database.execute("delete from recovery_days");
    List<String[]> windows =
        List.of(
            new String[] {"2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z"},
            new String[] {"2026-02-20T00:00:00Z", "2026-03-20T00:00:00Z"},
            new String[] {"2026-03-02T10:30:00Z", "2026-03-13T12:00:00Z"},
            new String[] {"2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"});
    Map<String, Object> before = new LinkedHashMap<>();
    for (String[] window : windows) {
      before.put(window[0] + window[1], EveryMetric.answers(api(), window[0], window[1]));
    }

    service.bean(RecoveryDays.class).rollUp(NOW);

    // Settled: every day from the first failure (02-28) to the day before now (03-19) but those
    // with an invoice in recovery: r3 (03-10, deadline 03-24), m1 (03-12) and r5 (03-15).
    List<String> summed =
        LocalDate.parse("2026-02-28")
            .datesUntil(LocalDate.parse("2026-03-20"))
            .map(LocalDate::toString)
            .filter(day -> !List.of("2026-03-10", "2026-03-12", "2026-03-15").contains(day))
            .toList();
    assertThat(database.count("select count(*) from recovery_days")).isEqualTo(summed.size());
    assertThat(
            database.count(
                "select count(*) from recovery_days where day::text in ('"
                    + String.join("', '", summed)
                    + "')"))
        .isEqualTo(summed.size());
    for (String[] window : windows) {
      assertThat(EveryMetric.answers(api(), window[0], window[1]))
          .as("window %s to %s", window[0], window[1])
          .isEqualTo(before.get(window[0] + window[1]));
    }
  }

  @Test
  void anEmptyWindowIsOneGroupOfZeros() {
    Reply reply =
        api().get("/v1/metrics/recovery?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z", VIEWER);
    Map<String, Object> all = only(reply.object());
    assertThat(counts(all)).isEqualTo(List.of(0, 0, 0, 0, 0, 0));
    assertThat(all.get("recovery_rate")).isNull();
  }

  @Test
  void theWindowDefaultsToThe30DaysBeforeNow() {
    Map<String, Object> answer = api().get("/v1/metrics/recovery", VIEWER).object();
    assertThat(answer.get("to")).isEqualTo(NOW.toString());
    assertThat(answer.get("from")).isEqualTo("2026-02-18T12:00:00Z");
    // r5 (2026-03-15) is in this window, r6 too.
    assertThat(only(answer).get("failed_invoices")).isEqualTo(11);
  }

  @Test
  void badParametersAreNamed() {
    Reply grouping = api().get("/v1/metrics/recovery?group_by=colour", VIEWER);
    assertThat(grouping.status()).isEqualTo(400);
    assertThat(grouping.errorFields()).containsExactly("group_by");
    Reply instant = api().get("/v1/metrics/recovery?from=yesterday", VIEWER);
    assertThat(instant.status()).isEqualTo(400);
    assertThat(instant.errorFields()).containsExactly("from");
    Reply order =
        api().get("/v1/metrics/uplift?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", VIEWER);
    assertThat(order.status()).isEqualTo(400);
    assertThat(order.errorFields()).containsExactly("from");
  }

  @Test
  void metricsAreForViewersAndAdmins() {
    assertThat(api().get("/v1/metrics/recovery", BILLING).status()).isEqualTo(403);
    assertThat(api().get("/v1/metrics/recovery", ADMIN).status()).isEqualTo(200);
    assertThat(api().get("/v1/metrics/recovery", "nobody").status()).isEqualTo(401);
  }

  private Map<String, Integer> failedByKey(String groupBy) {
    return groups(groupBy).entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, entry -> (Integer) entry.getValue().get("failed_invoices")));
  }

  /** Failed, recovered, in recovery, exhausted, stopped and resolved invoices. */
  private static List<Object> counts(Map<String, Object> group) {
    return List.of(
        group.get("failed_invoices"),
        group.get("recovered_invoices"),
        group.get("in_recovery_invoices"),
        group.get("exhausted_invoices"),
        group.get("stopped_invoices"),
        group.get("resolved_invoices"));
  }

  private Map<String, Map<String, Object>> groups(String groupBy) {
    Map<String, Object> answer = recovery("&group_by=" + groupBy);
    assertThat(answer.get("group_by")).isEqualTo(groupBy);
    return groupsOf(answer).stream()
        .collect(
            Collectors.toMap(
                group -> (String) group.get("key"),
                Function.identity(),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> groupsOf(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("groups");
  }

  private static Map<String, Object> only(Map<String, Object> answer) {
    List<Map<String, Object>> groups = groupsOf(answer);
    assertThat(groups).hasSize(1);
    return groups.get(0);
  }

  private Map<String, Object> recovery(String query) {
    Reply reply = api().get("/v1/metrics/recovery?" + WINDOW + query, VIEWER);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.object();
  }

  private void report(
      String invoice,
      String currency,
      long amount,
      String brand,
      String funding,
      String country,
      int number,
      String at,
      String declineCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("invoice_id", invoice);
    body.put("customer_id", "cus_" + invoice);
    body.put("amount_minor", amount);
    body.put("currency", currency);
    body.put("billing_interval", "month");
    body.put("timezone", "Europe/Paris");
    body.put("card", Map.of("brand", brand, "funding", funding, "country", country));
    body.put("attempt_number", number);
    body.put("attempted_at", at);
    body.put("outcome", declineCode == null ? "succeeded" : "failed");
    if (declineCode != null) {
      body.put("decline_code", declineCode);
    }
    body.put("policy", "split");
    Reply reply = api().post("/v1/attempts", BILLING, write(body));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private void register(String invoice, String failedAt, Object policy) {
    Map<String, Object> body = registration(invoice, Instant.parse(failedAt));
    body.put("customer_id", "cus_" + invoice);
    body.put("policy", policy);
    attempts(body).set(0, attempt(Instant.parse(failedAt), "insufficient_funds"));
    Reply reply = api().post("/v1/payment-failures", BILLING, write(body));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private static void ok(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isBetween(200, 201);
  }

  private Api api() {
    return service.api();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
