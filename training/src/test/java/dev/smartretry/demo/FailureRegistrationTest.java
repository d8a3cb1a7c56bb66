package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration against a fake service that answers as http-api.md section 2 says. */
class FailureRegistrationTest {
  private static final long FIRST = 1_000_000_000L;
  private static final Instant T = Instant.parse("2026-03-02T00:00:00Z");
  private static final String KEY = "demo-billing-key";

  private final World world = new World(WorldConfig.defaults(), 42);

  /** What the fake service received: the request headers and the body. */
  private record Received(Map<String, List<String>> headers, JsonNode body) {}

  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final Set<String> plans = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  /** Holds the first calls until this many are in flight together. */
  private final CountDownLatch together = new CountDownLatch(FailureRegistration.IN_FLIGHT);

  private HttpServer service;
  private ExecutorService serviceThreads;
  private String refusedInvoice = "";
  private String invoiceToDropOnce = "";
  private final AtomicInteger dropped = new AtomicInteger();

  @BeforeEach
  void startService() throws IOException {
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serviceThreads = Executors.newFixedThreadPool(2 * FailureRegistration.IN_FLIGHT);
    service.setExecutor(serviceThreads);
    service.createContext("/v1/payment-failures", this::answer);
    service.createContext("/health", this::health);
    service.start();
  }

  @AfterEach
  void stopService() {
    service.stop(0);
    serviceThreads.shutdownNow();
  }

  private URI serviceUrl() {
    return URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/");
  }

  private volatile String healthBody =
      "{\"status\": \"UP\", \"components\": {\"scheduler\": {\"status\": \"UP\","
          + " \"details\": {\"clock\": \"2026-03-04T05:06:07.5Z\"}}}}";

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes = healthBody.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Test
  void readsTheServicesClockFromItsHealth() throws Exception {
    FailureRegistration registration = new FailureRegistration(serviceUrl(), KEY, Optional.empty());
    assertThat(registration.serviceClock()).isEqualTo(Instant.parse("2026-03-04T05:06:07.5Z"));

    healthBody = "{\"status\": \"UP\"}";
    assertThatThrownBy(registration::serviceClock)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no scheduler clock");
  }

  /** 201 for a new invoice, 200 for one seen before, 409 for the one set to be refused. */
  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      together.countDown();
      together.await(30, TimeUnit.SECONDS);
      JsonNode body = GatewayClient.JSON.readTree(exchange.getRequestBody());
      received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
      // Out of flight before the answer leaves: the client's next call may only follow it.
      inFlight.decrementAndGet();
      String invoiceId = body.path("invoice_id").asText();
      if (invoiceId.equals(invoiceToDropOnce) && dropped.getAndIncrement() == 0) {
        // Registered, but the answer never leaves: closing an unanswered exchange drops the
        // connection.
        plans.add(invoiceId);
        return;
      }
      int status;
      String answer;
      if (invoiceId.equals(refusedInvoice)) {
        status = 409;
        answer = "{\"title\": \"Conflict\",\n \"detail\": \"other attempts\"}";
      } else {
        status = plans.add(invoiceId) ? 201 : 200;
        answer = "{\"invoice_id\": \"" + invoiceId + "\", \"status\": \"scheduled\"}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void registersEachFailureWithWhatABillingSystemKnows() throws InterruptedException {
    List<WorldInvoice> invoices = RecentFailures.find(world, FIRST, 20, T);

    RegistrationReport report =
        new FailureRegistration(serviceUrl(), KEY, Optional.empty()).register(invoices);

    assertThat(report).isEqualTo(new RegistrationReport(20, 0, 0, 0, List.of()));
    assertThat(received).hasSize(20);
    Map<String, WorldInvoice> byId = new HashMap<>();
    invoices.forEach(invoice -> byId.put("in_demo_" + invoice.index(), invoice));
    for (Received call : received) {
      assertThat(call.headers().get("Authorization")).containsExactly("Bearer " + KEY);
      assertThat(call.headers().get("Content-type")).containsExactly("application/json");
      JsonNode body = call.body();
      WorldInvoice invoice = byId.get(body.path("invoice_id").asText());
      assertThat(invoice).as(body.toString()).isNotNull();
      assertThat(body.path("customer_id").asText()).isEqualTo(invoice.customerId());
      assertThat(body.path("amount_minor").isIntegralNumber()).isTrue();
      assertThat(body.path("amount_minor").asLong()).isEqualTo(invoice.amountMinor());
      assertThat(body.path("currency").asText()).isEqualTo(invoice.currency());
      assertThat(body.path("billing_interval").asText())
          .isEqualTo(invoice.billingInterval().wireName());
      assertThat(body.path("timezone").asText()).isEqualTo(invoice.timezone().getId());
      assertThat(body.has("customer_tenure_days"))
          .isEqualTo(invoice.customerTenureDays().isPresent());
      JsonNode card = body.path("card");
      assertThat(card.path("brand").asText()).isEqualTo(invoice.card().brand().wireName());
      assertThat(card.path("funding").asText()).isEqualTo(invoice.card().funding().wireName());
      assertThat(card.path("country").asText()).isEqualTo(invoice.card().country());
      assertThat(card.has("issuer_id")).isEqualTo(invoice.card().issuerId().isPresent());
      assertThat(body.path("signals").path("devices_24h").asInt())
          .isEqualTo(invoice.originalCharge().devices24h().getAsInt());
      JsonNode attempts = body.path("attempts");
      assertThat(attempts).hasSize(1);
      Instant failedAt = Instant.parse(attempts.get(0).path("attempted_at").asText());
      assertThat(failedAt)
          .isEqualTo(invoice.firstFailureAt())
          .isAfterOrEqualTo(T.minus(Duration.ofDays(1)))
          .isBefore(T);
      assertThat(attempts.get(0).path("decline_code").asText())
          .isEqualTo(invoice.originalCharge().declineCode().wireName());
      // The service's clock decides, and the routing rules choose the policy.
      assertThat(body.has("as_of")).isFalse();
      assertThat(body.has("policy")).isFalse();
    }
    // Some invoices leave out what is unknown, and the test saw both kinds.
    assertThat(byId.values()).anyMatch(invoice -> invoice.card().issuerId().isEmpty());
  }

  @Test
  void keepsEightCallsInFlight() throws InterruptedException {
    List<WorldInvoice> invoices = RecentFailures.find(world, FIRST, 30, T);

    RegistrationReport report =
        new FailureRegistration(serviceUrl(), KEY, Optional.empty()).register(invoices);

    // The fake service held the first calls until eight were in flight at once.
    assertThat(together.getCount()).isZero();
    assertThat(mostInFlight.get()).isEqualTo(FailureRegistration.IN_FLIGHT);
    assertThat(report.registered()).isEqualTo(30);
  }

  @Test
  void aRerunFindsThePlansAndAPolicyIsSentWhenGiven() throws InterruptedException {
    List<WorldInvoice> invoices = RecentFailures.find(world, FIRST, 12, T);
    FailureRegistration registration =
        new FailureRegistration(serviceUrl(), KEY, Optional.of("annual"));
    registration.register(invoices);
    refusedInvoice = "in_demo_" + invoices.get(3).index();

    RegistrationReport again = registration.register(invoices);

    assertThat(again.registered()).isZero();
    assertThat(again.alreadyRegistered()).isEqualTo(11);
    assertThat(again.refused()).isEqualTo(1);
    assertThat(again.problems())
        .containsExactly(
            refusedInvoice + ": 409 {\"title\": \"Conflict\", \"detail\": \"other attempts\"}");
    assertThat(received).allMatch(call -> call.body().path("policy").asText().equals("annual"));
  }

  @Test
  void aRegistrationWhoseAnswerIsLostIsSentAgain() throws InterruptedException {
    List<WorldInvoice> invoices = RecentFailures.find(world, FIRST, 12, T);
    invoiceToDropOnce = "in_demo_" + invoices.get(5).index();

    RegistrationReport report =
        new FailureRegistration(serviceUrl(), KEY, Optional.empty()).register(invoices);

    // The second call found the plan the first one made.
    assertThat(report).isEqualTo(new RegistrationReport(11, 1, 0, 0, List.of()));
    assertThat(received)
        .filteredOn(call -> call.body().path("invoice_id").asText().equals(invoiceToDropOnce))
        .hasSize(2);
  }

  @Test
  void anUnreachableServiceLeavesEveryFailureUnanswered() throws InterruptedException {
    URI gone = serviceUrl();
    service.stop(0);

    RegistrationReport report =
        new FailureRegistration(gone, KEY, Optional.empty())
            .register(RecentFailures.find(world, FIRST, 10, T));

    assertThat(report.unanswered()).isEqualTo(10);
    assertThat(report.problems())
        .hasSize(FailureRegistration.PROBLEMS_QUOTED)
        .allMatch(problem -> problem.contains(": no answer: "));
  }
}
