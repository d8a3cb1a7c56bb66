package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartretry.demo.GatewayClient.Reply;
import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /charge, GET /stats and GET /health over real HTTP, without a secret. */
class ChargeEndpointTest {
  static final long FIRST = 1_000_000_000L;

  /** A world of its own: what the gateway answers is checked against an independent play. */
  private final World truth = new World(WorldConfig.defaults(), 42);

  private final StringWriter printed = new StringWriter();
  private DemoGateway gateway;
  private GatewayClient client;

  @BeforeEach
  void start() {
    gateway =
        DemoGateway.start(
            new InetSocketAddress("127.0.0.1", 0),
            new DemoBillingSystem(new World(WorldConfig.defaults(), 42), FIRST),
            Optional.empty(),
            Clock.systemUTC(),
            new GatewayLog(new PrintWriter(printed, true), new PrintWriter(printed, true), false));
    client = new GatewayClient(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static Instant after(WorldInvoice invoice, Duration delay) {
    return invoice.firstFailureAt().plus(delay);
  }

  /** The first invoice from FIRST on whose first retry at +26 h succeeds (or fails). */
  private WorldInvoice firstWhoseRetryAt26Hours(boolean succeeds) {
    return LongStream.iterate(FIRST, index -> index + 1)
        .mapToObj(truth::draw)
        .filter(
            invoice ->
                invoice.newPlay().attempt(after(invoice, Duration.ofHours(26))).succeeded()
                    == succeeds)
        .findFirst()
        .orElseThrow();
  }

  private static void assertSameOutcome(JsonNode answer, Attempt expected) {
    assertThat(answer).isEqualTo(GatewayClient.outcome(expected));
  }

  @Test
  void aChargeHasTheOutcomeTheWorldGivesARetryAtItsAttemptedAt() {
    int succeeded = 0;
    int failed = 0;
    for (long index = FIRST; index < FIRST + 60; index++) {
      WorldInvoice invoice = truth.draw(index);
      Instant at = after(invoice, Duration.ofHours(26).plusMillis(index % 1000));
      Reply reply = client.charge(GatewayClient.body(invoice, 1, at));
      Attempt expected = truth.draw(index).newPlay().attempt(at);
      assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
      assertSameOutcome(reply.json(), expected);
      if (expected.succeeded()) {
        succeeded++;
      } else {
        failed++;
      }
    }
    // Both kinds of answer were checked.
    assertThat(succeeded).isPositive();
    assertThat(failed).isPositive();
    GatewayStats stats = gateway.stats();
    assertThat(stats.charges()).isEqualTo(60);
    assertThat(stats.succeeded()).isEqualTo(succeeded);
    assertThat(stats.failed()).isEqualTo(failed);
    assertThat(stats.invoicesSeen()).isEqualTo(60);
  }

  @Test
  void laterRetriesMeetTheWorldAsChangedByTheEarlierOnes() {
    WorldInvoice invoice = firstWhoseRetryAt26Hours(false);
    Play expected = truth.draw(invoice.index()).newPlay();
    for (int retry = 1; retry <= 4 && !expected.recovered(); retry++) {
      Instant at = after(invoice, Duration.ofHours(26L * retry));
      Reply reply = client.charge(GatewayClient.body(invoice, retry, at));
      assertThat(reply.status()).isEqualTo(200);
      assertSameOutcome(reply.json(), expected.attempt(at));
    }
    assertThat(gateway.stats().charges()).isEqualTo(expected.retries());
  }

  @Test
  void theSameKeyAgainAnswersTheStoredOutcomeAndChargesNothing() {
    WorldInvoice invoice = firstWhoseRetryAt26Hours(false);
    Instant at = after(invoice, Duration.ofHours(26));
    Reply first = client.charge(GatewayClient.body(invoice, 1, at));
    // The service calls again after a timeout: same key, a later clock.
    Reply again = client.charge(GatewayClient.body(invoice, 1, at.plusSeconds(90)));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    GatewayStats stats = gateway.stats();
    assertThat(stats.charges()).isEqualTo(1);
    assertThat(stats.repeatedCalls()).isEqualTo(1);
    assertThat(stats.keysCharged()).isEqualTo(1);
    assertThat(stats.doubleCharges()).isZero();
    assertThat(printed.toString())
        .contains(at + " in_demo_" + invoice.index() + " retry 1 -> failed ")
        .contains("(repeated call");
  }

  @Test
  void aRetryNumberThatSkipsOneIsRefusedAndChargesNothing() {
    WorldInvoice invoice = truth.draw(FIRST);
    Reply skipped =
        client.charge(GatewayClient.body(invoice, 2, after(invoice, Duration.ofDays(1))));

    assertThat(skipped.status()).isEqualTo(409);
    assertThat(skipped.error()).startsWith("retry_number: 2 skips retry 1");
    assertThat(gateway.stats().charges()).isZero();
    assertThat(gateway.stats().refusedByReason()).containsEntry("skipped_retry", 1L);
    // The refused call changed nothing: retry 1 is still the world's.
    Instant at = after(invoice, Duration.ofDays(2));
    Reply first = client.charge(GatewayClient.body(invoice, 1, at));
    assertSameOutcome(first.json(), truth.draw(FIRST).newPlay().attempt(at));
  }

  @Test
  void anIdempotencyKeyThatIsNotTheBodysIsRefused() {
    WorldInvoice invoice = truth.draw(FIRST);
    String body = GatewayClient.body(invoice, 1, after(invoice, Duration.ofDays(1))).toString();

    Reply wrong =
        client.post("/charge", body, Map.of("Idempotency-Key", "in_demo_" + FIRST + ":2"));
    Reply missing = client.post("/charge", body, Map.of());

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.error()).startsWith("Idempotency-Key: ").contains("in_demo_" + FIRST + ":1");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).startsWith("Idempotency-Key: missing");
    assertThat(gateway.stats().charges()).isZero();
    assertThat(gateway.stats().refusedByReason()).containsEntry("bad_idempotency_key", 2L);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad("not JSON", 400, "body: not JSON", body -> "retry_number=1"),
        bad("a JSON array", 400, "body: must be a JSON object", body -> "[" + body + "]"),
        bad(
            "no retry_number",
            422,
            "retry_number: missing",
            edit(body -> body.remove("retry_number"))),
        bad(
            "retry_number as text",
            422,
            "retry_number: must be a whole number",
            edit(body -> body.put("retry_number", "1"))),
        bad(
            "retry_number 1.5",
            422,
            "retry_number: must be a whole number",
            edit(body -> body.put("retry_number", 1.5))),
        bad(
            "retry_number 0",
            422,
            "retry_number: must be a whole number, at least 1",
            edit(body -> body.put("retry_number", 0))),
        bad(
            "null invoice_id",
            422,
            "invoice_id: missing",
            edit(body -> body.putNull("invoice_id"))),
        bad(
            "amount_minor 49.99",
            422,
            "amount_minor: must be a whole number",
            edit(body -> body.put("amount_minor", 49.99))),
        bad(
            "lower-case currency",
            422,
            "currency: must be an upper-case ISO 4217 code",
            edit(body -> body.put("currency", "eur"))),
        bad(
            "attempted_at not an instant",
            422,
            "attempted_at: must be an ISO-8601 instant",
            edit(body -> body.put("attempted_at", "yesterday"))),
        bad(
            "an unknown field",
            422,
            "customer_id: unknown field",
            edit(body -> body.put("customer_id", "cus_1"))),
        bad(
            "several problems",
            422,
            "currency: missing; scheduled_for: missing",
            edit(body -> body.remove(List.of("currency", "scheduled_for")))),
        bad(
            "another amount",
            422,
            "amount_minor: in_demo_" + FIRST + " is for ",
            edit(body -> body.put("amount_minor", body.get("amount_minor").asLong() + 1))),
        bad(
            "another currency",
            422,
            "currency: in_demo_" + FIRST + " is in ",
            edit(body -> body.put("currency", "XTS"))),
        bad(
            "attempted before scheduled",
            422,
            "attempted_at: ",
            edit(body -> body.put("scheduled_for", "2027-01-01T00:00:00Z"))));
  }

  private static Arguments bad(
      String name, int status, String error, Function<ObjectNode, String> text) {
    return Arguments.of(name, status, error, text);
  }

  private static Function<ObjectNode, String> edit(Consumer<ObjectNode> change) {
    return body -> {
      change.accept(body);
      return body.toString();
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBadBodyIsRefusedNamingTheField(
      String name, int status, String error, Function<ObjectNode, String> text) {
    WorldInvoice invoice = truth.draw(FIRST);
    ObjectNode body = GatewayClient.body(invoice, 1, after(invoice, Duration.ofDays(1)));

    Reply reply =
        client.post(
            "/charge", text.apply(body), Map.of("Idempotency-Key", "in_demo_" + FIRST + ":1"));

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.error()).contains(error);
    assertThat(gateway.stats().charges()).isZero();
  }

  @Test
  void aBodyBeyondAnyChargeCallIsRefused() {
    Reply reply =
        client.post(
            "/charge",
            "{\"invoice_id\": \"" + "x".repeat(70_000) + "\"}",
            Map.of("Idempotency-Key", "x:1"));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.error()).startsWith("body: over 65536 bytes");
  }

  @Test
  void aDuplicatedFieldIsNotJson() {
    WorldInvoice invoice = truth.draw(FIRST);
    String body =
        GatewayClient.body(invoice, 1, after(invoice, Duration.ofDays(1)))
            .toString()
            .replace("{", "{\"retry_number\":2,");
    Reply reply =
        client.post("/charge", body, Map.of("Idempotency-Key", "in_demo_" + FIRST + ":1"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("Duplicate field 'retry_number'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"in_demo_999999999", "in_demo_01000000000", "in_demo_x", "in_1MtHbE"})
  void anInvoiceThisBillingSystemDoesNotHaveIsNotFound(String invoiceId) {
    WorldInvoice invoice = truth.draw(FIRST);
    ObjectNode body = GatewayClient.body(invoice, 1, after(invoice, Duration.ofDays(1)));
    body.put("invoice_id", invoiceId);

    Reply reply = client.charge(body);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.error()).startsWith("invoice_id: " + invoiceId + " is not an invoice");
    assertThat(gateway.stats().invoicesSeen()).isZero();
  }

  @Test
  void aRetryNotAfterThePreviousAttemptIsRefused() {
    WorldInvoice invoice = firstWhoseRetryAt26Hours(false);
    Reply beforeOriginal = client.charge(GatewayClient.body(invoice, 1, invoice.firstFailureAt()));
    Instant at = after(invoice, Duration.ofHours(26));
    client.charge(GatewayClient.body(invoice, 1, at));
    Reply sameInstant = client.charge(GatewayClient.body(invoice, 2, at));

    assertThat(beforeOriginal.status()).isEqualTo(409);
    assertThat(beforeOriginal.error())
        .isEqualTo(
            "attempted_at: "
                + invoice.firstFailureAt()
                + " is not after the previous attempt of in_demo_"
                + invoice.index()
                + " at "
                + invoice.firstFailureAt());
    assertThat(sameInstant.status()).isEqualTo(409);
    assertThat(sameInstant.error()).startsWith("attempted_at: ");
    assertThat(gateway.stats().refusedByReason()).containsEntry("out_of_order", 2L);
  }

  @Test
  void nothingFollowsARecovery() {
    WorldInvoice invoice = firstWhoseRetryAt26Hours(true);
    Instant at = after(invoice, Duration.ofHours(26));
    assertThat(client.charge(GatewayClient.body(invoice, 1, at)).json().path("outcome").asText())
        .isEqualTo("succeeded");

    Reply next = client.charge(GatewayClient.body(invoice, 2, at.plus(Duration.ofDays(1))));

    assertThat(next.status()).isEqualTo(409);
    assertThat(next.error()).contains("was recovered by retry 1");
    assertThat(gateway.stats().refusedByReason()).containsEntry("already_recovered", 1L);
  }

  @Test
  void otherMethodsAndPathsGetJsonErrors() {
    Reply get = client.get("/charge");
    Reply below = client.post("/charge/now", "{}", Map.of());
    Reply elsewhere = client.get("/v1/payment-failures");

    assertThat(get.status()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(below.status()).isEqualTo(404);
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.error()).contains("POST /charge");
  }

  @Test
  void healthIsUp() {
    Reply health = client.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).isEqualTo(GatewayClient.JSON.createObjectNode().put("status", "UP"));
  }

  @Test
  void statsCountChargesRepeatsAndRefusals() {
    WorldInvoice invoice = firstWhoseRetryAt26Hours(false);
    Instant at = after(invoice, Duration.ofHours(26));
    client.charge(GatewayClient.body(invoice, 1, at));
    client.charge(GatewayClient.body(invoice, 1, at));
    client.charge(GatewayClient.body(invoice, 3, at.plusSeconds(60)));

    JsonNode stats = client.get("/stats").json();

    assertThat(stats.path("charges").asLong()).isEqualTo(1);
    assertThat(stats.path("failed").asLong()).isEqualTo(1);
    assertThat(stats.path("succeeded").asLong()).isZero();
    assertThat(stats.path("repeated_calls").asLong()).isEqualTo(1);
    assertThat(stats.path("refused").asLong()).isEqualTo(1);
    assertThat(stats.path("refused_by_reason").path("skipped_retry").asLong()).isEqualTo(1);
    assertThat(stats.path("refused_by_reason").path("bad_signature").asLong()).isZero();
    assertThat(stats.path("invoices_seen").asLong()).isEqualTo(1);
    assertThat(stats.path("keys_charged").asLong()).isEqualTo(1);
    assertThat(stats.path("double_charges").asLong()).isZero();
    assertThat(stats.path("conflicting_outcomes").asLong()).isZero();
  }
}
