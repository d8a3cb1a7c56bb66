package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.DecisionRequests.card;
import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static dev.smartretry.service.testing.TestGateway.failed;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.model.ModelDirectory;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.PrometheusSamples;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import dev.smartretry.service.testing.TestGateway.Reply.Hang;
import dev.smartretry.service.testing.TestGateway.Reply.Status;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Section 2 of docs/http-api.md on one instance: registration, the plan, the calls to a real charge
 * endpoint at the planned times, the re-decision after each outcome, every status and stop reason,
 * the gateway's faults, and resolution. Time moves only when the test moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedRetriesTest {
  private static final String PATH = "/v1/payment-failures";
  // The base64 of 32 bytes; the test signs nothing with it itself, it checks what the service
  // signed with javax.crypto directly.
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private ServiceInstance service;
  private JsonMapper json;
  private int invoices;

  @BeforeAll
  void start() {
    service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                "smart-retry.gateway-secret",
                SECRET,
                // A hanging gateway costs the test this much real time.
                "smart-retry.gateway-read-timeout",
                "1s"));
    json = service.bean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @BeforeEach
  void failuresByDefault() {
    gateway.answer(call -> failed("insufficient_funds"));
  }

  /** Each test sees only its own plans: those an earlier test left scheduled are voided. */
  @AfterEach
  void voidWhatIsLeft() {
    String next = null;
    do {
      Map<String, Object> page =
          api()
              .get(
                  PATH + "?status=scheduled&limit=500" + (next == null ? "" : "&after=" + next),
                  BILLING)
              .object();
      for (String invoice : invoiceIds(page)) {
        api().post(PATH + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
      }
      next = (String) page.get("next");
    } while (next != null);
    gateway.forgetArrivals();
    service.changes().clear();
  }

  private Api api() {
    return service.api();
  }

  /** A new invoice's registration, its original charge a minute before the clock. */
  private Map<String, Object> newFailure() {
    return registration("in_managed_" + ++invoices, clock.instant().minusSeconds(60));
  }

  private Reply register(Map<String, Object> body) {
    return api().post(PATH, BILLING, write(body));
  }

  private Map<String, Object> registered(Map<String, Object> body) {
    Reply reply = register(body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.object();
  }

  private Map<String, Object> plan(String invoiceId) {
    Reply reply = api().get(PATH + "/" + invoiceId, BILLING);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.object();
  }

  private static Instant next(Map<String, Object> plan) {
    return Instant.parse((String) plan.get("next_payment_attempt"));
  }

  /** Moves the clock to {@code at} and has the scheduler look for due retries at once. */
  private void moveTo(Instant at) {
    clock.set(at);
    service.bean(RetryExecutor.class).wake();
  }

  /** Runs the plan's next retry: the clock goes to its time; returns the call the gateway got. */
  private TestGateway.Call runNextRetry(Map<String, Object> plan) {
    moveTo(next(plan));
    TestGateway.Call call = gateway.awaitCall();
    assertThat(call.invoiceId()).isEqualTo(plan.get("invoice_id"));
    return call;
  }

  /** Waits until the outcome of a call on {@code invoiceId} is stored; the plan as it is then. */
  private Map<String, Object> afterOutcome(String invoiceId) {
    service
        .changes()
        .await(
            changed ->
                changed.invoiceId().equals(invoiceId)
                    && (changed.change() == PlanChanged.Change.RETRIED
                        || changed.change() == PlanChanged.Change.NO_OUTCOME));
    return plan(invoiceId);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void registrationAnswersThePlanWithItsFirstDecision() {
    Map<String, Object> body = newFailure();
    String invoice = (String) body.get("invoice_id");

    Reply reply = register(body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.headers().get("Location")).isEqualTo(PATH + "/" + invoice);
    Map<String, Object> plan = reply.object();
    assertThat(plan)
        .containsEntry("invoice_id", invoice)
        .containsEntry("customer_id", "cus_9s6XKz")
        .containsEntry("amount_minor", 4900)
        .containsEntry("currency", "EUR")
        .containsEntry("status", "scheduled")
        .containsEntry("policy", "default")
        .containsEntry("arm", "smart")
        .containsEntry("retry_number", 1)
        .containsEntry("retries_remaining", 7)
        .containsEntry("reason", "model_optimum")
        .containsEntry("model_version", ModelDirectory.loadDefault().version())
        .containsEntry("recovered_at", null)
        .containsEntry("stop_reason", null)
        .containsEntry("final_action", null)
        .containsEntry("last_error", null)
        .containsEntry("created_at", clock.instant().toString())
        .containsEntry("updated_at", clock.instant().toString());
    Instant firstFailure = clock.instant().minusSeconds(60);
    assertThat(plan.get("deadline")).isEqualTo(firstFailure.plus(Duration.ofDays(14)).toString());
    assertThat(next(plan))
        .isBetween(firstFailure.plus(Duration.ofHours(1)), firstFailure.plus(Duration.ofDays(14)));
    assertThat(((Number) plan.get("success_probability")).doubleValue()).isBetween(0.0, 1.0);
    assertThat(plan.get("attempts"))
        .isEqualTo(
            List.of(
                Map.of(
                    "attempted_at",
                    firstFailure.toString(),
                    "outcome",
                    "failed",
                    "decline_code",
                    "insufficient_funds")));
    assertThat(plan(invoice)).isEqualTo(plan);
    assertThat(plan.keySet())
        .containsExactly(
            "invoice_id",
            "customer_id",
            "amount_minor",
            "currency",
            "status",
            "policy",
            "arm",
            "next_payment_attempt",
            "retry_number",
            "retries_remaining",
            "deadline",
            "success_probability",
            "reason",
            "model_version",
            "attempts",
            "recovered_at",
            "stop_reason",
            "final_action",
            "last_error",
            "created_at",
            "updated_at");
  }

  @Test
  void registeringAgainWithTheSameAttemptsAnswersTheSamePlan() {
    Map<String, Object> body = newFailure();
    Map<String, Object> first = registered(body);
    clock.advance(Duration.ofSeconds(30));

    Reply again = register(body);

    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.object()).isEqualTo(first);
  }

  @Test
  void registeringAgainWithOtherAttemptsIsAConflict() {
    Map<String, Object> body = newFailure();
    registered(body);
    attempts(body).clear();
    attempts(body).add(attempt(clock.instant().minusSeconds(30), "insufficient_funds"));

    Reply again = register(body);

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.contentType()).isEqualTo("application/problem+json");
    assertThat(again.object().get("detail")).asString().contains("other attempts");
  }

  @Test
  void aRetryRunsAtItsTimeAndNotBefore() throws Exception {
    // Fixed schedules, so that which plan comes first does not depend on the model.
    Map<String, Object> earlyFailure = newFailure();
    earlyFailure.put("policy", Map.of("mode", "fixed", "schedule", List.of("PT6H")));
    Map<String, Object> early = registered(earlyFailure);
    Map<String, Object> later = newFailure();
    later.put("policy", Map.of("mode", "fixed", "schedule", List.of("P3D")));
    Map<String, Object> laterPlan = registered(later);
    assertThat(next(laterPlan)).isAfter(next(early));

    TestGateway.Call call = runNextRetry(early);
    afterOutcome((String) early.get("invoice_id"));

    assertThat(call.key()).isEqualTo(early.get("invoice_id") + ":1");
    assertThat(call.field("retry_number")).isEqualTo("1");
    assertThat(call.field("amount_minor")).isEqualTo("4900");
    assertThat(call.field("currency")).isEqualTo("EUR");
    assertThat(call.field("scheduled_for")).isEqualTo(early.get("next_payment_attempt"));
    assertThat(call.field("attempted_at")).isEqualTo(next(early).toString());
    // The later plan was not due in the round that claimed the early one, and time stood still.
    assertThat(gateway.callsWith(laterPlan.get("invoice_id") + ":1")).isZero();
  }

  @Test
  void callsAreSignedAfterStandardWebhooks() throws Exception {
    Map<String, Object> plan = registered(newFailure());

    TestGateway.Call call = runNextRetry(plan);
    afterOutcome((String) plan.get("invoice_id"));

    String id = call.headers().getFirst("webhook-id");
    String timestamp = call.headers().getFirst("webhook-timestamp");
    String signature = call.headers().getFirst("webhook-signature");
    assertThat(id).isEqualTo(call.key());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal(
                    (id + "." + timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(signature).isEqualTo("v1," + expected);
    // Real time, whatever the service's clock says: the receiver checks it against its own.
    assertThat(Long.parseLong(timestamp))
        .isBetween(Instant.now().getEpochSecond() - 300, Instant.now().getEpochSecond() + 5);
  }

  @Test
  void aFailedRetryIsDecidedAgainAndTheNextOneRuns() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");

    runNextRetry(plan);
    Map<String, Object> second = afterOutcome(invoice);

    assertThat(second)
        .containsEntry("status", "scheduled")
        .containsEntry("retry_number", 2)
        .containsEntry("retries_remaining", 6)
        .containsEntry("reason", "model_optimum");
    assertThat(next(second)).isAfterOrEqualTo(next(plan).plus(Duration.ofHours(1)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tried = (List<Map<String, Object>>) second.get("attempts");
    assertThat(tried).hasSize(2);
    assertThat(tried.get(1))
        .containsEntry("attempted_at", next(plan).toString())
        .containsEntry("outcome", "failed")
        .containsEntry("decline_code", "insufficient_funds");

    TestGateway.Call call = runNextRetry(second);
    afterOutcome(invoice);

    assertThat(call.key()).isEqualTo(invoice + ":2");
    assertThat(plan(invoice)).containsEntry("retry_number", 3);
  }

  @Test
  void aSuccessRecoversThePlan() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");
    gateway.answer(call -> succeeded());

    runNextRetry(plan);
    Map<String, Object> recovered = afterOutcome(invoice);

    assertThat(recovered)
        .containsEntry("status", "recovered")
        .containsEntry("stop_reason", "recovered")
        .containsEntry("recovered_at", next(plan).toString())
        .containsEntry("next_payment_attempt", null)
        .containsEntry("final_action", null)
        .containsEntry("retry_number", 1);
  }

  @Test
  void aHardDeclineStopsThePlanWithThePolicysFinalAction() {
    Map<String, Object> body = newFailure();
    body.put("policy", Map.of("final_action", "cancel_subscription"));
    Map<String, Object> plan = registered(body);
    gateway.answer(call -> failed("stolen_card"));

    runNextRetry(plan);

    assertThat(afterOutcome((String) plan.get("invoice_id")))
        .containsEntry("status", "stopped")
        .containsEntry("stop_reason", "hard_decline")
        .containsEntry("reason", "hard_decline")
        .containsEntry("final_action", "cancel_subscription")
        .containsEntry("next_payment_attempt", null)
        .containsEntry("policy", "inline");
  }

  @Test
  void aForbiddingNetworkAdviceStopsThePlan() {
    Map<String, Object> plan = registered(newFailure());
    gateway.answer(
        call ->
            new TestGateway.Reply.Outcome(
                "{\"outcome\": \"failed\", \"decline_code\": \"do_not_honor\","
                    + " \"network_advice_code\": \"21\"}"));

    runNextRetry(plan);

    assertThat(afterOutcome((String) plan.get("invoice_id")))
        .containsEntry("status", "stopped")
        .containsEntry("stop_reason", "hard_decline")
        .containsEntry("final_action", "mark_uncollectible");
  }

  @Test
  void aNetworkAdviceToWaitIsKept() {
    Map<String, Object> plan = registered(newFailure());
    gateway.answer(
        call ->
            new TestGateway.Reply.Outcome(
                "{\"outcome\": \"failed\", \"decline_code\": \"do_not_honor\","
                    + " \"network_advice_code\": \"27\"}"));

    runNextRetry(plan);
    Map<String, Object> after = afterOutcome((String) plan.get("invoice_id"));

    assertThat(after).containsEntry("status", "scheduled");
    assertThat(next(after)).isAfterOrEqualTo(next(plan).plus(Duration.ofDays(4)));
  }

  @Test
  void aSpentBudgetExhaustsThePlan() {
    Map<String, Object> body = newFailure();
    body.put("policy", Map.of("max_retries", 1, "final_action", "leave_open"));
    Map<String, Object> plan = registered(body);

    runNextRetry(plan);

    assertThat(afterOutcome((String) plan.get("invoice_id")))
        .containsEntry("status", "exhausted")
        .containsEntry("stop_reason", "retries_exhausted")
        .containsEntry("final_action", "leave_open")
        .containsEntry("retries_remaining", 0);
  }

  @Test
  void aSpentWindowExhaustsThePlan() {
    Map<String, Object> body = newFailure();
    body.put(
        "policy",
        Map.of(
            "mode",
            "fixed",
            "max_duration",
            "PT3H",
            "schedule",
            List.of("PT2H"),
            "min_interval",
            "PT2H"));
    Map<String, Object> plan = registered(body);

    runNextRetry(plan);

    assertThat(afterOutcome((String) plan.get("invoice_id")))
        .containsEntry("status", "exhausted")
        .containsEntry("stop_reason", "deadline_passed")
        .containsEntry("final_action", "mark_uncollectible");
  }

  @Test
  void aFailureThatForbidsRetriesStopsAtRegistration() {
    Map<String, Object> body = newFailure();
    attempts(body).clear();
    attempts(body).add(attempt(clock.instant().minusSeconds(60), "lost_card"));

    Map<String, Object> plan = registered(body);

    assertThat(plan)
        .containsEntry("status", "stopped")
        .containsEntry("stop_reason", "hard_decline")
        .containsEntry("final_action", "mark_uncollectible")
        .containsEntry("next_payment_attempt", null);
  }

  @Test
  void anAnswerThatIsNotAnOutcomeIsCalledAgainLaterWithTheSameKey() {
    List<TestGateway.Reply> faults =
        List.of(
            new Status(500, "{\"error\": \"oops\"}"),
            new Status(200, "<html>not json</html>"),
            new Status(200, "{\"outcome\": \"failed\"}"),
            new Status(200, "{\"outcome\": \"maybe\"}"),
            new Status(404, ""),
            new TestGateway.Reply.Close(),
            new Hang(new CountDownLatch(0), new Status(502, "")));
    for (TestGateway.Reply fault : faults) {
      Map<String, Object> plan = registered(newFailure());
      String invoice = (String) plan.get("invoice_id");
      gateway.answer(call -> fault);

      runNextRetry(plan);
      Map<String, Object> after = afterOutcome(invoice);

      assertThat(after).as(fault.toString()).containsEntry("status", "scheduled");
      assertThat(after).containsEntry("retry_number", 1);
      assertThat((String) after.get("last_error")).as(fault.toString()).contains("retry 1");
      assertThat(next(after))
          .isBetween(clock.instant().plusSeconds(24), clock.instant().plusSeconds(36));
      assertThat((List<?>) after.get("attempts")).hasSize(1);

      gateway.answer(call -> succeeded());
      TestGateway.Call again = runNextRetry(after);
      assertThat(again.key()).isEqualTo(invoice + ":1");
      assertThat(afterOutcome(invoice)).containsEntry("status", "recovered");
      assertThat((List<?>) plan(invoice).get("attempts")).hasSize(2);
    }
  }

  @Test
  void aGatewayThatHangsIsCalledAgainAfterTheReadTimeout() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");
    CountDownLatch never = new CountDownLatch(1);
    gateway.answer(call -> new Hang(never, succeeded()));

    runNextRetry(plan);
    Map<String, Object> after = afterOutcome(invoice);
    never.countDown();

    assertThat(after).containsEntry("status", "scheduled");
    assertThat((String) after.get("last_error")).contains("did not answer in time");
  }

  @Test
  void aGatewayThatNeverAnswersEndsThePlanADayAfterItsDeadline() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");
    gateway.answer(call -> new Status(503, ""));
    runNextRetry(plan);
    Map<String, Object> failing = afterOutcome(invoice);
    Instant deadline = Instant.parse((String) failing.get("deadline"));

    moveTo(deadline.plus(Duration.ofHours(24)).plusSeconds(1));
    gateway.awaitCall();
    Map<String, Object> ended = afterOutcome(invoice);

    assertThat(ended)
        .containsEntry("status", "exhausted")
        .containsEntry("stop_reason", "gateway_unreachable")
        .containsEntry("final_action", "mark_uncollectible")
        .containsEntry("next_payment_attempt", null);
    assertThat((String) ended.get("last_error")).contains("503");
    assertThat((List<?>) ended.get("attempts")).hasSize(1);
  }

  @Test
  void aResolvedPlanRunsNoMoreRetries() {
    Map<String, Object> resolved = registered(newFailure());
    String invoice = (String) resolved.get("invoice_id");
    Map<String, Object> other = newFailure();
    other.put("policy", Map.of("mode", "fixed", "schedule", List.of("PT2H")));
    Map<String, Object> witness = registered(other);

    Reply reply =
        api()
            .post(
                PATH + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"paid_elsewhere\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.object())
        .containsEntry("status", "resolved")
        .containsEntry("stop_reason", "paid_elsewhere")
        .containsEntry("final_action", null)
        .containsEntry("next_payment_attempt", null);
    Instant latest = next(resolved).isAfter(next(witness)) ? next(resolved) : next(witness);
    moveTo(latest);
    assertThat(gateway.awaitCall().invoiceId()).isEqualTo(witness.get("invoice_id"));
    afterOutcome((String) witness.get("invoice_id"));
    assertThat(gateway.callsWith(invoice + ":1")).isZero();
  }

  @Test
  void resolvingAFinalPlanAnswersItUnchanged() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");
    Map<String, Object> resolved =
        api()
            .post(PATH + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}")
            .object();
    clock.advance(Duration.ofMinutes(5));

    Reply again =
        api()
            .post(
                PATH + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"paid_elsewhere\"}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.object()).isEqualTo(resolved).containsEntry("stop_reason", "voided");
  }

  @Test
  void anOutcomeAfterResolutionIsRecordedButCannotReopenThePlan() {
    Map<String, Object> plan = registered(newFailure());
    String invoice = (String) plan.get("invoice_id");
    CountDownLatch release = new CountDownLatch(1);
    gateway.answer(call -> new Hang(release, succeeded()));
    runNextRetry(plan);

    Map<String, Object> resolved =
        api()
            .post(
                PATH + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"paid_elsewhere\"}")
            .object();
    release.countDown();
    Map<String, Object> after = afterOutcome(invoice);

    assertThat(resolved).containsEntry("status", "resolved");
    assertThat(after)
        .containsEntry("status", "resolved")
        .containsEntry("stop_reason", "paid_elsewhere")
        .containsEntry("recovered_at", null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tried = (List<Map<String, Object>>) after.get("attempts");
    assertThat(tried).hasSize(2);
    assertThat(tried.get(1)).containsEntry("outcome", "succeeded");
  }

  @Test
  void unknownInvoicesAndBadResolutionsAreRefused() {
    assertThat(api().get(PATH + "/in_never_registered", BILLING).status()).isEqualTo(404);
    assertThat(
            api()
                .post(
                    PATH + "/in_never_registered/resolve", BILLING, "{\"resolution\": \"voided\"}")
                .status())
        .isEqualTo(404);
    Map<String, Object> plan = registered(newFailure());
    Reply bad =
        api()
            .post(
                PATH + "/" + plan.get("invoice_id") + "/resolve",
                BILLING,
                "{\"resolution\": \"refunded\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorFields()).containsExactly("resolution");
  }

  @Test
  void registrationsAreCheckedLikeDecisions() {
    Map<String, Object> body = newFailure();
    body.put("as_of", clock.instant().toString());
    body.put("timezone", "UTC+02:00");
    card(body).put("country", "XX");
    body.put("invoice_id", "in_\u0000nul");
    body.put("policy", "no-such-policy");

    Reply reply = register(body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.errorFields())
        .containsExactlyInAnyOrder("as_of", "timezone", "card.country", "invoice_id");

    Map<String, Object> unknownPolicy = newFailure();
    unknownPolicy.put("policy", "no-such-policy");
    Reply unknown = register(unknownPolicy);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("policy");
    assertThat(api().get(PATH + "/" + unknownPolicy.get("invoice_id"), BILLING).status())
        .isEqualTo(404);
  }

  @Test
  void attemptsInTheFutureOfTheServicesClockAreRefused() {
    Map<String, Object> body = newFailure();
    attempts(body).clear();
    attempts(body).add(attempt(clock.instant().plusSeconds(3600), "insufficient_funds"));

    Reply reply = register(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("attempts[0].attempted_at");
  }

  @Test
  void onlyBillingAndAdminKeysMayUseIt() {
    assertThat(api().get(PATH, VIEWER).status()).isEqualTo(403);
    assertThat(api().post(PATH, VIEWER, write(newFailure())).status()).isEqualTo(403);
    assertThat(api().send(HttpRequest.GET(PATH)).status()).isEqualTo(401);
  }

  @Test
  void listsPlansNewestFirstAPageAtATime() {
    String[] ids = new String[5];
    for (int index = 0; index < ids.length; index++) {
      clock.advance(Duration.ofSeconds(1));
      Map<String, Object> body = newFailure();
      if (index == 2) {
        attempts(body).clear();
        attempts(body).add(attempt(clock.instant().minusSeconds(60), "fraudulent"));
      }
      ids[index] = (String) registered(body).get("invoice_id");
    }

    Reply first = api().get(PATH + "?limit=2", BILLING);
    Map<String, Object> page = first.object();
    assertThat(invoiceIds(page)).containsExactly(ids[4], ids[3]);
    Reply second = api().get(PATH + "?limit=2&after=" + page.get("next"), BILLING);
    assertThat(invoiceIds(second.object())).containsExactly(ids[2], ids[1]);

    Map<String, Object> stopped = api().get(PATH + "?status=stopped&limit=500", BILLING).object();
    assertThat(invoiceIds(stopped)).contains(ids[2]).doesNotContain(ids[0], ids[1], ids[3], ids[4]);
    assertThat(stopped).containsEntry("next", null);

    Reply badLimit = api().get(PATH + "?limit=501", BILLING);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.errorFields()).containsExactly("limit");
    assertThat(api().get(PATH + "?limit=0", BILLING).errorFields()).containsExactly("limit");
    assertThat(api().get(PATH + "?limit=ten", BILLING).errorFields()).containsExactly("limit");
    assertThat(api().get(PATH + "?status=pending", BILLING).errorFields())
        .containsExactly("status");
    assertThat(api().get(PATH + "?after=not-a-cursor", BILLING).errorFields())
        .containsExactly("after");
  }

  @Test
  void walkingEveryPageSeesEveryPlanOnce() throws Exception {
    for (int index = 0; index < 7; index++) {
      registered(newFailure());
    }
    int total = 0;
    Set<Object> seen = new HashSet<>();
    String next = null;
    do {
      Map<String, Object> page =
          api().get(PATH + "?limit=3" + (next == null ? "" : "&after=" + next), BILLING).object();
      List<String> ids = invoiceIds(page);
      total += ids.size();
      seen.addAll(ids);
      next = (String) page.get("next");
    } while (next != null);

    assertThat(total)
        .isEqualTo(seen.size())
        .isEqualTo(database.count("select count(*) from payment_plans"));
  }

  @Test
  void countsWhatItDoesForPrometheus() {
    PrometheusSamples before = PrometheusSamples.scrape(api());
    Map<String, Object> plan = registered(newFailure());
    gateway.answer(call -> succeeded());

    runNextRetry(plan);
    afterOutcome((String) plan.get("invoice_id"));
    PrometheusSamples after = PrometheusSamples.scrape(api());

    assertThat(after.growthSince(before, "smart_retry_payment_failures_total")).isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_retries_total{outcome=\"succeeded\"}"))
        .isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_recoveries_total")).isEqualTo(1);
    assertThat(
            after.growthSince(before, "smart_retry_recovered_amount_minor_total{currency=\"EUR\"}"))
        .isEqualTo(4900);
    assertThat(after.growthSince(before, "smart_retry_plans_finished_total{status=\"recovered\"}"))
        .isEqualTo(1);
    assertThat(after.growthSince(before, "smart_retry_retry_lateness_seconds_count")).isEqualTo(1);
    assertThat(after.has("smart_retry_scheduled_plans")).isTrue();
  }

  @Test
  void healthShowsTheScheduler() {
    Map<String, Object> plan = registered(newFailure());
    // Due whether or not a poll has claimed it meanwhile: the call hangs until the test ends.
    CountDownLatch release = new CountDownLatch(1);
    gateway.answer(call -> new Hang(release, failed("insufficient_funds")));
    clock.set(next(plan).plusSeconds(90));

    Map<String, Object> health = api().get("/health", ADMIN).object();
    release.countDown();

    @SuppressWarnings("unchecked")
    Map<String, Object> scheduler =
        (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("scheduler");
    assertThat(scheduler).containsEntry("status", "UP");
    assertThat(scheduler.get("details"))
        .isEqualTo(
            Map.of(
                "enabled",
                true,
                "clock",
                clock.instant().toString(),
                "due_retries",
                1,
                "oldest_due_retry",
                plan.get("next_payment_attempt"),
                "oldest_due_seconds",
                90));
  }

  @SuppressWarnings("unchecked")
  private static List<String> invoiceIds(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("data"))
        .stream().map(plan -> (String) plan.get("invoice_id")).toList();
  }
}
