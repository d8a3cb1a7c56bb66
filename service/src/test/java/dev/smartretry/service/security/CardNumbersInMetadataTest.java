package dev.smartretry.service.security;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.DecisionRequests.valid;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.smartretry.service.testing.DecisionRequests;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Metadata that looks like a card number (PAN) is refused on every endpoint that takes metadata,
 * naming the field, and is neither stored nor logged (PCI DSS: the service must never hold one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardNumbersInMetadataTest {
  private static final Instant NOW = Instant.parse("2026-03-01T15:00:00Z");
  private static final String REASON = "looks like a card number (PAN); never send card numbers";

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private final AtomicInteger invoices = new AtomicInteger();
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

  @ParameterizedTest
  @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242"})
  void aDecisionRequestWithACardNumberIsRefused(String pan) {
    Reply refused =
        service.api().post("/v1/retry-decisions", BILLING, write(withPan(valid(), pan)));

    assertRefused(refused);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242"})
  void aPaymentFailureWithACardNumberIsRefusedAndNotStored(String pan) {
    String invoice = invoice();

    Reply refused =
        service
            .api()
            .post("/v1/payment-failures", BILLING, write(withPan(registration(invoice), pan)));

    assertRefused(refused);
    assertThat(count("payment_plans", invoice)).isZero();
    assertThat(count("attempts", invoice)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242"})
  void aReportedAttemptWithACardNumberIsRefusedAndNotStored(String pan) {
    String invoice = invoice();

    Reply refused =
        service.api().post("/v1/attempts", BILLING, write(withPan(report(invoice), pan)));

    assertRefused(refused);
    assertThat(count("attempts", invoice)).isZero();
    assertThat(count("reported_invoices", invoice)).isZero();
  }

  @Test
  void aCardNumberSentAsAJsonNumberIsRefusedToo() {
    Map<String, Object> request = valid();
    request.put("metadata", new LinkedHashMap<>(Map.of("card", 4242424242424242L)));

    assertRefused(service.api().post("/v1/retry-decisions", BILLING, write(request)));
  }

  @Test
  void aCardNumberAsAMetadataKeyIsRefusedWithoutRepeatingIt() {
    String invoice = invoice();
    Map<String, Object> request = registration(invoice);
    request.put("metadata", new LinkedHashMap<>(Map.of("plan", "pro", "4242 4242 4242 4242", "x")));

    Reply refused = service.api().post("/v1/payment-failures", BILLING, write(request));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errors())
        .contains(Map.of("field", "metadata", "message", "a key " + REASON));
    assertThat(refused.body()).doesNotContain("4242");
    assertThat(count("payment_plans", invoice)).isZero();
  }

  @Test
  void sixteenDigitsFailingTheLuhnCheckAreAccepted() {
    String notACard = "4242424242424241";
    String registered = invoice();
    String reported = invoice();

    Reply decided =
        service.api().post("/v1/retry-decisions", BILLING, write(withPan(valid(), notACard)));
    Reply registration =
        service
            .api()
            .post(
                "/v1/payment-failures",
                BILLING,
                write(withPan(registration(registered), notACard)));
    Reply report =
        service.api().post("/v1/attempts", BILLING, write(withPan(report(reported), notACard)));

    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    assertThat(registration.status()).as(registration.toString()).isEqualTo(201);
    assertThat(report.status()).as(report.toString()).isEqualTo(201);
    assertThat(count("payment_plans", registered)).isOne();
    assertThat(count("attempts", reported)).isOne();
  }

  @Test
  void theRefusedValueIsNeverLoggedAtAnyLevel() {
    String pan = "4000 0566 5566 5556";
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Level rootLevel = root.getLevel();
    Appender<ILoggingEvent> console = root.getAppender("STDOUT");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    root.addAppender(seen);
    if (console != null) {
      // Every level is captured below; the console would drown in it.
      root.detachAppender(console);
    }
    root.setLevel(Level.TRACE);
    try {
      service.api().post("/v1/retry-decisions", BILLING, write(withPan(valid(), pan)));
      service
          .api()
          .post("/v1/payment-failures", BILLING, write(withPan(registration(invoice()), pan)));
      service.api().post("/v1/attempts", BILLING, write(withPan(report(invoice()), pan)));
    } finally {
      root.setLevel(rootLevel);
      root.detachAppender(seen);
      if (console != null) {
        root.addAppender(console);
      }
    }

    List<String> digits = List.of(pan, pan.replace(" ", ""), "0566 5566", "05665566");
    // The test's own HTTP client traces the bodies it sends; only the service's lines count.
    List<ILoggingEvent> serviceLines =
        seen.list.stream()
            .filter(event -> !event.getLoggerName().startsWith("io.micronaut.http.client"))
            .toList();
    assertThat(serviceLines).isNotEmpty();
    assertThat(serviceLines)
        .allSatisfy(
            event -> {
              String text = event.getFormattedMessage() + " " + event.getMDCPropertyMap();
              String thrown =
                  event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage();
              digits.forEach(
                  digit -> {
                    assertThat(text).doesNotContain(digit);
                    assertThat(String.valueOf(thrown)).doesNotContain(digit);
                  });
            });
  }

  private static void assertRefused(Reply refused) {
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.errors()).contains(Map.of("field", "metadata.card", "message", REASON));
    assertThat(refused.body()).doesNotContain("4242");
  }

  private static Map<String, Object> withPan(Map<String, Object> request, String value) {
    request.put("metadata", new LinkedHashMap<>(Map.of("plan", "pro", "card", value)));
    return request;
  }

  /** A report of a failed original charge an hour before the service's clock. */
  private static Map<String, Object> report(String invoice) {
    return DecisionRequests.reportedAttempt(
        invoice, 1, NOW.minusSeconds(3600).toString(), "insufficient_funds");
  }

  private String invoice() {
    return "in_pan_" + invoices.incrementAndGet();
  }

  private long count(String table, String invoice) {
    return database.count(
        "select count(*) from " + table + " where invoice_id = '" + invoice + "'");
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
