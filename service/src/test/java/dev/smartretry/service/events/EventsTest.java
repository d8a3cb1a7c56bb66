package dev.smartretry.service.events;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.DeliveriesSeen;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Section 7 of docs/http-api.md on one instance: endpoints, every event type at its moment with the
 * plan as the change left it, Standard Webhooks signatures checked with javax.crypto from the
 * spec's text, rotation, the retry schedule under a settable clock, 410, the delivery log and
 * sending again, and the outbox's atomicity. Time moves only when the test moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsTest {
  static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String PAYMENTS = "/v1/payment-failures";
  private static final String ENDPOINTS = "/v1/webhook-endpoints";
  private static final String DELIVERIES = "/v1/webhook-deliveries";

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final TestGateway receiver = new TestGateway();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private final List<TestGateway.Call> received = new ArrayList<>();
  private final java.util.Set<String> told = new java.util.HashSet<>();
  private ServiceInstance service;
  private JsonMapper json;
  private int invoices;

  @BeforeAll
  void start() {
    service =
        ServiceInstance.start(
            database,
            clock,
            SendingService.settings(gateway, Map.of("smart-retry.webhook-timeout", "1s")));
    json = service.bean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
    receiver.close();
  }

  @BeforeEach
  void defaults() {
    gateway.answer(call -> failed("insufficient_funds"));
    receiver.answer(call -> new TestGateway.Reply.Status(204, ""));
  }

  /** Each test sees only its own endpoints. */
  @AfterEach
  void deleteEndpoints() {
    for (Object endpoint : (List<?>) api().get(ENDPOINTS, ADMIN).object().get("data")) {
      api().delete(ENDPOINTS + "/" + ((Map<?, ?>) endpoint).get("id"), ADMIN);
    }
    received.clear();
    told.clear();
  }

  private Api api() {
    return service.api();
  }

  private Map<String, Object> addEndpoint(String... events) {
    Reply reply =
        api()
            .post(
                ENDPOINTS, ADMIN, write(Map.of("url", receiver.url(), "events", List.of(events))));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.object();
  }

  private String newInvoice() {
    return "in_events_" + ++invoices;
  }

  private Map<String, Object> register(String invoice) {
    return register(registration(invoice, clock.instant().minusSeconds(60)));
  }

  private Map<String, Object> register(Map<String, Object> body) {
    Reply reply = api().post(PAYMENTS, BILLING, write(body));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.object();
  }

  /** An event as it arrived: its headers, its raw body and the body read. */
  private record Event(TestGateway.Call call, Map<String, Object> body) {
    String type() {
      return (String) body.get("type");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> data() {
      return (Map<String, Object>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> plan() {
      return (Map<String, Object>) data().get("plan");
    }

    String id() {
      return call.headers().getFirst("webhook-id");
    }
  }

  /** Waits for the next event of {@code invoice}, skipping other invoices' events. */
  private Event awaitEvent(String invoice) {
    while (true) {
      TestGateway.Call call = receiver.awaitCall();
      Event event = new Event(call, read(call.body()));
      if (invoice.equals(event.plan().get("invoice_id"))) {
        received.add(call);
        return event;
      }
    }
  }

  /**
   * Waits for {@code count} new events of {@code invoice}, each once (as receivers dedupe by {@code
   * webhook-id}: a test that moves the clock by hours also runs out the leases of tries whose
   * results were not stored yet, and those events come again); in the order of their sequence
   * numbers, as the spec tells receivers to order them (deliveries run in parallel).
   */
  private List<Event> awaitEvents(String invoice, int count) {
    List<Event> events = new ArrayList<>();
    while (events.size() < count) {
      Event event = awaitEvent(invoice);
      if (told.add(event.id())) {
        events.add(event);
      }
    }
    events.sort(java.util.Comparator.comparingInt(event -> (Integer) event.data().get("sequence")));
    return events;
  }

  /**
   * Runs the plan's next retry: the clock goes to its time, which the scheduler sees within its
   * poll interval; returns once the gateway has the call.
   */
  private void runNextRetry(Map<String, Object> plan) {
    clock.set(Instant.parse((String) plan.get("next_payment_attempt")));
    gateway.awaitCall();
  }

  /** The signatures of a call, checked from the spec's text with javax.crypto, not our signer. */
  private static List<String> expectedSignatures(TestGateway.Call call, String... secrets) {
    List<String> signatures = new ArrayList<>();
    for (String secret : secrets) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(
                Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed =
            call.headers().getFirst("webhook-id")
                + "."
                + call.headers().getFirst("webhook-timestamp")
                + "."
                + call.body();
        signatures.add(
            "v1,"
                + Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
      } catch (java.security.GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }
    return signatures;
  }

  private Map<String, Object> read(String body) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = json.readValue(body, Map.class);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anEndpointsSecretIsShownOnceAndSignsEveryEvent() {
    Map<String, Object> endpoint = addEndpoint("*");
    String secret = (String) endpoint.get("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(endpoint)
        .containsEntry("url", receiver.url())
        .containsEntry("events", List.of("*"))
        .containsEntry("status", "enabled");
    assertThat((String) endpoint.get("id")).matches("we_[A-Za-z0-9]+");
    Map<String, Object> listed = api().get(ENDPOINTS + "/" + endpoint.get("id"), ADMIN).object();
    assertThat(listed).doesNotContainKey("secret").containsEntry("status", "enabled");
    assertThat(
            database.count(
                "select count(*) from webhook_endpoints where secret_sealed like '%"
                    + secret.substring(6, 20)
                    + "%'"))
        .as("the secret is stored sealed")
        .isZero();

    String invoice = newInvoice();
    Map<String, Object> plan = register(invoice);
    List<Event> events = awaitEvents(invoice, 2);

    assertThat(events)
        .extracting(Event::type)
        .containsExactly("payment_failure.registered", "retry.scheduled");
    assertThat(events).extracting(event -> event.data().get("sequence")).containsExactly(1, 2);
    for (Event event : events) {
      TestGateway.Call call = event.call();
      assertThat(event.id()).matches("evt_[A-Za-z0-9]+");
      long timestamp = Long.parseLong(call.headers().getFirst("webhook-timestamp"));
      assertThat(Math.abs(timestamp - Instant.now().getEpochSecond())).isLessThan(300);
      assertThat(call.headers().getFirst("webhook-signature"))
          .isEqualTo(expectedSignatures(call, secret).get(0));
      assertThat(call.headers().getFirst("Content-Type")).startsWith("application/json");
      assertThat(event.body().get("timestamp")).isEqualTo(clock.instant().toString());
      assertThat(event.plan()).isEqualTo(plan);
    }
    assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
  }

  @Test
  void everyChangeOfARetriedPlanIsToldInOrder() {
    addEndpoint("*");
    String invoice = newInvoice();
    Map<String, Object> plan = register(invoice);
    awaitEvents(invoice, 2);

    runNextRetry(plan);
    List<Event> failedRetry = awaitEvents(invoice, 2);
    assertThat(failedRetry)
        .extracting(Event::type)
        .containsExactly("retry.attempted", "retry.scheduled");
    @SuppressWarnings("unchecked")
    Map<String, Object> attempt = (Map<String, Object>) failedRetry.get(0).data().get("attempt");
    assertThat(attempt)
        .containsEntry("retry_number", 1)
        .containsEntry("outcome", "failed")
        .containsEntry("decline_code", "insufficient_funds")
        .containsEntry("scheduled_for", plan.get("next_payment_attempt"));
    Map<String, Object> rescheduled = failedRetry.get(1).plan();
    assertThat(rescheduled).containsEntry("retry_number", 2).containsEntry("status", "scheduled");
    assertThat(rescheduled).isEqualTo(api().get(PAYMENTS + "/" + invoice, BILLING).object());

    gateway.answer(call -> succeeded());
    runNextRetry(rescheduled);
    List<Event> recovered = awaitEvents(invoice, 2);
    assertThat(recovered)
        .extracting(Event::type)
        .containsExactly("retry.attempted", "invoice.recovered");
    assertThat(recovered.get(1).plan()).containsEntry("status", "recovered");
    assertThat(recovered).extracting(event -> event.data().get("sequence")).containsExactly(5, 6);
  }

  @Test
  void exhaustedRetriesCarryThePolicysFinalAction() {
    addEndpoint("invoice.retries_exhausted");
    String invoice = newInvoice();
    Map<String, Object> body = registration(invoice, clock.instant().minusSeconds(60));
    body.put(
        "policy",
        Map.of("max_retries", 1, "max_duration", "P14D", "final_action", "cancel_subscription"));
    Map<String, Object> plan = register(body);

    runNextRetry(plan);
    Event exhausted = awaitEvent(invoice);

    assertThat(exhausted.type()).isEqualTo("invoice.retries_exhausted");
    assertThat(exhausted.data()).containsEntry("final_action", "cancel_subscription");
    assertThat(exhausted.plan())
        .containsEntry("status", "exhausted")
        .containsEntry("stop_reason", "retries_exhausted")
        .containsEntry("final_action", "cancel_subscription");
    assertThat(exhausted.data()).containsEntry("sequence", 4);
  }

  @Test
  void aManualPolicyStopsAtOnceAndAsksForAPerson() {
    addEndpoint("*");
    Reply policy =
        api()
            .put(
                "/v1/policies/vip",
                ADMIN,
                write(
                    Map.of(
                        "mode",
                        "manual",
                        "max_retries",
                        4,
                        "max_duration",
                        "P14D",
                        "final_action",
                        "leave_open")));
    assertThat(policy.status()).as(policy.toString()).isIn(200, 201);
    String invoice = newInvoice();
    Map<String, Object> body = registration(invoice, clock.instant().minusSeconds(60));
    body.put("policy", "vip");

    Map<String, Object> plan = register(body);

    assertThat(plan)
        .containsEntry("status", "stopped")
        .containsEntry("stop_reason", "manual_review")
        .containsEntry("reason", "manual_review")
        .containsEntry("next_payment_attempt", null)
        .containsEntry("final_action", "leave_open");
    assertThat(awaitEvents(invoice, 2))
        .extracting(Event::type)
        .containsExactly("payment_failure.registered", "invoice.needs_attention");
    Map<String, Object> decision = registration(invoice, clock.instant().minusSeconds(60));
    decision.put("policy", "vip");
    Reply decided = api().post("/v1/retry-decisions", BILLING, write(decision));
    assertThat(decided.object())
        .containsEntry("decision", "stop")
        .containsEntry("reason", "manual_review")
        .containsEntry("next_attempt_at", null);
  }

  @Test
  void anEndpointGetsOnlyTheTypesItAskedFor() {
    addEndpoint("invoice.resolved");
    String invoice = newInvoice();
    register(invoice);

    api().post(PAYMENTS + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    Event resolved = awaitEvent(invoice);

    assertThat(resolved.type()).isEqualTo("invoice.resolved");
    assertThat(resolved.data()).containsEntry("sequence", 3);
    assertThat(resolved.plan())
        .containsEntry("status", "resolved")
        .containsEntry("stop_reason", "voided");
  }

  private Map<String, Object> deliveryOf(String eventId) {
    for (Object delivery :
        (List<?>) api().get(DELIVERIES + "?limit=500", ADMIN).object().get("data")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) delivery;
      if (eventId.equals(map.get("event_id"))) {
        return map;
      }
    }
    throw new AssertionError("no delivery of " + eventId);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> statusCodes(Map<String, Object> delivery) {
    return ((List<Map<String, Object>>) delivery.get("attempts"))
        .stream().map(attempt -> attempt.get("status_code")).toList();
  }

  /** Waits until a try of the delivery of {@code eventId} is stored; the delivery as it is then. */
  private Map<String, Object> afterTry(String eventId) {
    service.bean(DeliveriesSeen.class).await(tried -> tried.eventId().equals(eventId));
    return deliveryOf(eventId);
  }

  @Test
  void aFailedTryIsMadeAgainOnTheSpecsScheduleThenDelivered() {
    addEndpoint("invoice.resolved");
    receiver.answer(call -> new TestGateway.Reply.Status(500, "{}"));
    String invoice = newInvoice();
    register(invoice);
    api().post(PAYMENTS + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    Event first = awaitEvent(invoice);
    Instant failedAt = clock.instant();

    Map<String, Object> delivery = afterTry(first.id());
    assertThat(delivery)
        .containsEntry("status", "pending")
        .containsEntry("event_type", "invoice.resolved")
        .containsEntry("invoice_id", invoice);
    assertThat(statusCodes(delivery)).containsExactly(500);
    Instant next = Instant.parse((String) delivery.get("next_attempt_at"));
    assertThat(Duration.between(failedAt, next))
        .isBetween(Duration.ofMillis(4_500), Duration.ofMillis(5_500));

    clock.set(next);
    Event second = awaitEvent(invoice);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.call().body()).isEqualTo(first.call().body());
    delivery = afterTry(first.id());
    next = Instant.parse((String) delivery.get("next_attempt_at"));
    assertThat(Duration.between(clock.instant(), next))
        .isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));

    receiver.answer(call -> new TestGateway.Reply.Status(200, "{}"));
    clock.set(next);
    assertThat(awaitEvent(invoice).id()).isEqualTo(first.id());
    delivery = afterTry(first.id());
    assertThat(delivery)
        .containsEntry("status", "delivered")
        .containsEntry("next_attempt_at", null);
    assertThat(statusCodes(delivery)).containsExactly(500, 500, 200);
  }

  @Test
  void afterTheLastTryTheDeliveryHasFailedAndCanBeSentAgainByHand() {
    addEndpoint("invoice.resolved");
    receiver.answer(call -> new TestGateway.Reply.Status(503, ""));
    String invoice = newInvoice();
    register(invoice);
    api().post(PAYMENTS + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    String eventId = awaitEvent(invoice).id();
    Map<String, Object> delivery = afterTry(eventId);
    List<Duration> waits = new ArrayList<>();
    while ("pending".equals(delivery.get("status"))) {
      Instant next = Instant.parse((String) delivery.get("next_attempt_at"));
      waits.add(Duration.between(clock.instant(), next));
      clock.set(next);
      awaitEvent(invoice);
      delivery = afterTry(eventId);
    }
    assertThat(delivery).containsEntry("status", "failed");
    assertThat(statusCodes(delivery)).hasSize(10).containsOnly(503);
    List<Duration> spec =
        List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(14),
            Duration.ofHours(20),
            Duration.ofHours(24));
    assertThat(waits).hasSize(9);
    for (int index = 0; index < spec.size(); index++) {
      assertThat(waits.get(index).toMillis())
          .as("wait " + (index + 1))
          .isBetween(spec.get(index).toMillis() * 9 / 10, spec.get(index).toMillis() * 11 / 10);
    }
    Reply failedOnly = api().get(DELIVERIES + "?status=failed", ADMIN);
    assertThat(failedOnly.object().get("data").toString()).contains(eventId);

    receiver.answer(call -> new TestGateway.Reply.Status(200, ""));
    String id = (String) delivery.get("id");
    Reply again = api().post(DELIVERIES + "/" + id + "/retry", ADMIN, "");
    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(again.object()).containsEntry("status", "pending");
    assertThat(awaitEvent(invoice).id()).isEqualTo(eventId);
    assertThat(afterTry(eventId)).containsEntry("status", "delivered");
    assertThat(api().get(DELIVERIES + "/whd_999999", ADMIN).status()).isEqualTo(404);
    assertThat(api().post(DELIVERIES + "/nonsense/retry", ADMIN, "").status()).isEqualTo(404);
  }

  @Test
  void anEndpointThatAnswers410IsDisabledAndGetsNothingMore() {
    Map<String, Object> endpoint = addEndpoint("*");
    receiver.answer(call -> new TestGateway.Reply.Status(410, ""));
    String invoice = newInvoice();
    register(invoice);
    String eventId = awaitEvent(invoice).id();
    service
        .bean(DeliveriesSeen.class)
        .await(tried -> tried.statusCode() != null && tried.statusCode() == 410);

    Map<String, Object> disabled = api().get(ENDPOINTS + "/" + endpoint.get("id"), ADMIN).object();
    assertThat(disabled).containsEntry("status", "disabled");
    assertThat((String) disabled.get("disabled_reason")).contains("410");
    assertThat(deliveryOf(eventId)).containsEntry("status", "failed");
    String later = newInvoice();
    register(later);
    assertThat(
            database.count(
                "select count(*) from webhook_deliveries where endpoint_id = '"
                    + endpoint.get("id")
                    + "' and status = 'pending'"))
        .as("nothing is pending for a disabled endpoint")
        .isZero();
    Reply resend =
        api().post(DELIVERIES + "/" + deliveryOf(eventId).get("id") + "/retry", ADMIN, "");
    assertThat(resend.status()).as(resend.toString()).isEqualTo(409);
  }

  @Test
  void aRotatedSecretSignsBesideTheNewOneFor24Hours() {
    Map<String, Object> endpoint = addEndpoint("invoice.resolved");
    String old = (String) endpoint.get("secret");
    Reply rotated = api().post(ENDPOINTS + "/" + endpoint.get("id") + "/rotate-secret", ADMIN, "");
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String fresh = (String) rotated.object().get("secret");
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
    assertThat(rotated.object())
        .containsEntry(
            "previous_secret_expires_at", clock.instant().plus(Duration.ofHours(24)).toString());

    String invoice = newInvoice();
    register(invoice);
    api().post(PAYMENTS + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    TestGateway.Call during = awaitEvent(invoice).call();
    assertThat(during.headers().getFirst("webhook-signature"))
        .isEqualTo(String.join(" ", expectedSignatures(during, fresh, old)));

    clock.advance(Duration.ofHours(24).plusSeconds(1));
    String after = newInvoice();
    register(after);
    api().post(PAYMENTS + "/" + after + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    TestGateway.Call later = awaitEvent(after).call();
    assertThat(later.headers().getFirst("webhook-signature"))
        .isEqualTo(expectedSignatures(later, fresh).get(0));
  }

  @Test
  void badEndpointsAreRefusedFieldByField() {
    Reply reply =
        api()
            .post(
                ENDPOINTS,
                ADMIN,
                write(
                    Map.of(
                        "url",
                        "ftp://billing.example/hooks",
                        "events",
                        List.of("*", "invoice.paid"))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("url", "events[1]");
    assertThat(api().post(ENDPOINTS, ADMIN, "{}").errorFields()).containsExactly("url", "events");
    assertThat(
            api()
                .post(
                    ENDPOINTS,
                    ADMIN,
                    write(
                        Map.of("url", "https://user:pw@billing.example/x", "events", List.of("*"))))
                .errorFields())
        .containsExactly("url");
    assertThat(
            api()
                .post(
                    ENDPOINTS,
                    BILLING,
                    write(Map.of("url", receiver.url(), "events", List.of("*"))))
                .status())
        .isEqualTo(403);
    assertThat(api().get(DELIVERIES, BILLING).status()).isEqualTo(403);
    assertThat(api().delete(ENDPOINTS + "/we_nothere", ADMIN).status()).isEqualTo(404);
    assertThat(api().post(ENDPOINTS + "/we_nothere/rotate-secret", ADMIN, "").status())
        .isEqualTo(404);
    assertThat(api().get(DELIVERIES + "?status=lost", ADMIN).errorFields())
        .containsExactly("status");
    assertThat(api().get(DELIVERIES + "?limit=0", ADMIN).errorFields()).containsExactly("limit");
    assertThat(api().get(DELIVERIES + "?after=x", ADMIN).errorFields()).containsExactly("after");
  }

  @Test
  void aChangeThatRollsBackSendsNoEvent() {
    addEndpoint("*");
    String invoice = newInvoice();
    // The registration fails after its events are written: everything it wrote is rolled back.
    database.execute(
        "create function fail_deliveries() returns trigger language plpgsql as $$"
            + " begin raise exception 'the test fails this write'; end $$");
    database.execute(
        "create trigger fail_deliveries before insert on webhook_deliveries"
            + " for each row execute function fail_deliveries()");
    try {
      Reply reply =
          api()
              .post(
                  PAYMENTS,
                  BILLING,
                  write(registration(invoice, clock.instant().minusSeconds(60))));
      assertThat(reply.status()).isEqualTo(500);
    } finally {
      database.execute("drop trigger fail_deliveries on webhook_deliveries");
      database.execute("drop function fail_deliveries()");
    }
    assertThat(api().get(PAYMENTS + "/" + invoice, BILLING).status()).isEqualTo(404);
    assertThat(
            database.count(
                "select count(*) from plan_events where body like '%" + invoice + "\"%'"))
        .isZero();

    // The same registration, now committed, is told, and only it.
    register(invoice);
    assertThat(awaitEvents(invoice, 2))
        .extracting(event -> event.data().get("sequence"))
        .containsExactly(1, 2);
  }

  @Test
  void anEndpointThatHangsOrResetsIsTriedAgainWithTheReason() {
    addEndpoint("invoice.resolved");
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    receiver.answer(
        call -> new TestGateway.Reply.Hang(never, new TestGateway.Reply.Status(200, "")));
    String invoice = newInvoice();
    register(invoice);
    api().post(PAYMENTS + "/" + invoice + "/resolve", BILLING, "{\"resolution\": \"voided\"}");
    String eventId = awaitEvent(invoice).id();

    Map<String, Object> delivery = afterTry(eventId);
    @SuppressWarnings("unchecked")
    Map<String, Object> hung = ((List<Map<String, Object>>) delivery.get("attempts")).get(0);
    assertThat(hung)
        .containsEntry("status_code", null)
        .containsEntry("error", "no answer within 1 s");
    assertThat(delivery).containsEntry("status", "pending");

    receiver.answer(call -> new TestGateway.Reply.Close());
    clock.set(Instant.parse((String) delivery.get("next_attempt_at")));
    awaitEvent(invoice);
    delivery = afterTry(eventId);
    @SuppressWarnings("unchecked")
    Map<String, Object> reset = ((List<Map<String, Object>>) delivery.get("attempts")).get(1);
    assertThat(reset).containsEntry("status_code", null);
    assertThat((String) reset.get("error")).startsWith("the call failed");
    assertThat(delivery).containsEntry("status", "pending");
    never.countDown();
  }
}
