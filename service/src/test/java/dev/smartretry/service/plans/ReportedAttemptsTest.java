package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.DecisionRequests.reportedAttempt;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.PrometheusSamples;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/attempts} (docs/http-api.md, section 2b): order, repeats and contradictions, the
 * invoice's state after each report, and refusals that name the field and store nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportedAttemptsTest {
  private static final String PATH = "/v1/attempts";
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private ServiceInstance service;
  private JsonMapper json;

  @BeforeAll
  void start() {
    service =
        ServiceInstance.start(database, clock, Map.of("smart-retry.gateway-url", gateway.url()));
    json = service.bean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void attemptsAreStoredInOrderAndARepeatIsAcceptedOnce() {
    Reply first =
        post(reportedAttempt("in_order", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    Map<String, Object> stored = first.object();
    assertThat(stored)
        .containsEntry("invoice_id", "in_order")
        .containsEntry("attempt_number", 1)
        .containsEntry("outcome", "failed")
        .containsEntry("decline_code", "insufficient_funds")
        .containsEntry("policy", "default")
        .containsEntry("arm", "smart")
        .containsEntry("invoice_status", "scheduled");

    Reply again =
        post(reportedAttempt("in_order", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.object()).isEqualTo(stored);

    Reply retry = post(reportedAttempt("in_order", 2, "2026-03-19T10:00:00Z", null));
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.object()).containsEntry("invoice_status", "recovered");
    assertThat(
            database.count(
                "select count(*) from attempts where invoice_id = 'in_order'"
                    + " and source = 'reported'"))
        .isEqualTo(2);
    assertThat(
            database.count(
                "select count(*) from reported_invoices where invoice_id = 'in_order'"
                    + " and status = 'recovered'"
                    + " and recovered_at = '2026-03-19T10:00:00Z'"))
        .isEqualTo(1);
  }

  @Test
  void reportsCountInTheSchedulersCounters() {
    PrometheusSamples before = PrometheusSamples.scrape(service.api());
    post(reportedAttempt("in_counted", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    post(reportedAttempt("in_counted", 2, "2026-03-18T12:00:00Z", "insufficient_funds"));
    post(reportedAttempt("in_counted", 3, "2026-03-19T10:00:00Z", null));
    // A repeat is not counted again.
    post(reportedAttempt("in_counted", 3, "2026-03-19T10:00:00Z", null));
    PrometheusSamples after = PrometheusSamples.scrape(service.api());

    assertThat(after.growthSince(before, "smart_retry_payment_failures_total")).isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_retries_total{outcome=\"failed\"}"))
        .isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_retries_total{outcome=\"succeeded\"}"))
        .isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_recoveries_total")).isEqualTo(1);
    assertThat(
            after.growthSince(before, "smart_retry_recovered_amount_minor_total{currency=\"EUR\"}"))
        .isEqualTo(4900);
    assertThat(after.growthSince(before, "smart_retry_plans_finished_total{status=\"recovered\"}"))
        .isEqualTo(1);
  }

  @Test
  void theSameReportSentManyTimesAtOnceIsStoredOnce() throws Exception {
    String body =
        write(reportedAttempt("in_race", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    int senders = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int sender = 0; sender < senders; sender++) {
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return service.api().post(PATH, BILLING, body).status();
                }));
      }
      start.countDown();
      List<Integer> seen = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        seen.add(status.get(30, TimeUnit.SECONDS));
      }
      assertThat(seen).containsOnly(200, 201);
      assertThat(seen.stream().filter(status -> status == 201)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(database.count("select count(*) from attempts where invoice_id = 'in_race'"))
        .isEqualTo(1);
    assertThat(
            database.count("select count(*) from reported_invoices where invoice_id = 'in_race'"))
        .isEqualTo(1);
  }

  @Test
  void anAttemptBeforeTheOneBeforeItIsAConflict() {
    Reply skipped =
        post(reportedAttempt("in_skipped", 2, "2026-03-18T10:00:00Z", "insufficient_funds"));
    assertThat(skipped.status()).isEqualTo(409);
    assertThat(skipped.object().get("detail").toString()).contains("Attempt 1");

    post(reportedAttempt("in_gap", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    Reply gap = post(reportedAttempt("in_gap", 3, "2026-03-19T10:00:00Z", "insufficient_funds"));
    assertThat(gap.status()).isEqualTo(409);
    assertThat(gap.object().get("detail").toString()).contains("Attempt 2");
    assertThat(database.count("select count(*) from attempts where invoice_id = 'in_gap'"))
        .isEqualTo(1);
  }

  @Test
  void aReportContradictingAStoredOneIsAConflict() {
    post(reportedAttempt("in_contra", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    Reply otherCode = post(reportedAttempt("in_contra", 1, "2026-03-18T10:00:00Z", "do_not_honor"));
    assertThat(otherCode.status()).isEqualTo(409);
    assertThat(otherCode.object().get("detail").toString()).contains("decline_code");

    Map<String, Object> otherCustomer =
        reportedAttempt("in_contra", 2, "2026-03-19T10:00:00Z", "insufficient_funds");
    otherCustomer.put("customer_id", "cus_someone_else");
    Reply refused = post(otherCustomer);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.object().get("detail").toString()).contains("customer_id");

    Reply earlier =
        post(reportedAttempt("in_contra", 2, "2026-03-17T10:00:00Z", "insufficient_funds"));
    assertThat(earlier.status()).isEqualTo(409);
    assertThat(earlier.object().get("detail").toString()).contains("must be after attempt 1");
    assertThat(database.count("select count(*) from attempts where invoice_id = 'in_contra'"))
        .isEqualTo(1);
  }

  @Test
  void nothingFollowsASuccess() {
    post(reportedAttempt("in_paid", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    post(reportedAttempt("in_paid", 2, "2026-03-19T10:00:00Z", null));
    Reply after = post(reportedAttempt("in_paid", 3, "2026-03-19T11:00:00Z", "insufficient_funds"));
    assertThat(after.status()).isEqualTo(409);
    assertThat(after.object().get("detail").toString()).contains("recovered by attempt 2");
  }

  @Test
  void theInvoiceStandsWhereThePolicyLeavesIt() {
    Reply hard = post(reportedAttempt("in_stolen", 1, "2026-03-18T10:00:00Z", "stolen_card"));
    assertThat(hard.object()).containsEntry("invoice_status", "stopped");

    Map<String, Object> once =
        reportedAttempt("in_once", 1, "2026-03-18T10:00:00Z", "insufficient_funds");
    once.put("policy", Map.of("max_retries", 1));
    assertThat(post(once).object()).containsEntry("invoice_status", "scheduled");
    Map<String, Object> spent =
        reportedAttempt("in_once", 2, "2026-03-19T10:00:00Z", "insufficient_funds");
    spent.put("policy", Map.of("max_retries", 1));
    assertThat(post(spent).object()).containsEntry("invoice_status", "exhausted");
  }

  @Test
  void badReportsNameEveryFieldAndStoreNothing() {
    Map<String, Object> body = reportedAttempt("in_bad", 1, "yesterday", "insufficient_funds");
    body.remove("attempt_number");
    body.put("currency", "EURO");
    body.put("card", Map.of("brand", "visa", "funding", "debit", "country", "France"));
    Reply reply = post(body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.errorFields())
        .containsExactlyInAnyOrder("attempt_number", "attempted_at", "currency", "card.country");

    Reply succeededFirst = post(reportedAttempt("in_bad", 1, "2026-03-18T10:00:00Z", null));
    assertThat(succeededFirst.errorFields()).containsExactly("outcome");

    Map<String, Object> codeOnSuccess = reportedAttempt("in_bad", 2, "2026-03-18T10:00:00Z", null);
    codeOnSuccess.put("decline_code", "insufficient_funds");
    assertThat(post(codeOnSuccess).errorFields()).containsExactly("decline_code");

    Reply future = post(reportedAttempt("in_bad", 1, "2026-03-21T10:00:00Z", "insufficient_funds"));
    assertThat(future.errorFields()).containsExactly("attempted_at");

    Map<String, Object> unknownPolicy =
        reportedAttempt("in_bad", 1, "2026-03-18T10:00:00Z", "insufficient_funds");
    unknownPolicy.put("policy", "no_such_policy");
    assertThat(post(unknownPolicy).status()).isBetween(400, 499);

    assertThat(database.count("select count(*) from attempts where invoice_id = 'in_bad'"))
        .isZero();
    assertThat(database.count("select count(*) from reported_invoices where invoice_id = 'in_bad'"))
        .isZero();
  }

  @Test
  void aManagedInvoiceIsNotReportedAndAReportedOneIsNotRegistered() {
    Map<String, Object> managed = registration("in_managed", NOW.minusSeconds(60));
    Reply registered = service.api().post("/v1/payment-failures", BILLING, write(managed));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Reply reported =
        post(
            reportedAttempt(
                "in_managed", 1, NOW.minusSeconds(60).toString(), "insufficient_funds"));
    assertThat(reported.status()).isEqualTo(409);
    assertThat(reported.object().get("detail").toString()).contains("scheduler");

    post(reportedAttempt("in_reported", 1, "2026-03-18T10:00:00Z", "insufficient_funds"));
    Reply registration =
        service
            .api()
            .post(
                "/v1/payment-failures",
                BILLING,
                write(registration("in_reported", Instant.parse("2026-03-18T10:00:00Z"))));
    assertThat(registration.status()).isEqualTo(409);
  }

  @Test
  void reportsAreForBillingKeys() {
    Reply viewer =
        service
            .api()
            .post(
                PATH,
                VIEWER,
                write(
                    reportedAttempt("in_viewer", 1, "2026-03-18T10:00:00Z", "insufficient_funds")));
    assertThat(viewer.status()).isEqualTo(403);
  }

  private Reply post(Map<String, Object> body) {
    return service.api().post(PATH, BILLING, write(body));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
