package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.attempt;
import static dev.smartretry.service.testing.DecisionRequests.attempts;
import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import dev.smartretry.history.ReadReport;
import dev.smartretry.history.StoredHistory;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop's first step (issue 13): attempts stored through the API, a reported invoice
 * and a registered one, exported by {@link StoredHistory} as an attempts file and read back by the
 * history reader, equal to what was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryExportTest {
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
  private static final Instant REPORTED_FIRST = Instant.parse("2026-03-10T08:00:00Z");
  private static final Instant REGISTERED_FIRST = Instant.parse("2026-03-18T09:30:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private ServiceInstance service;

  @TempDir Path files;

  @BeforeAll
  void store() throws Exception {
    service =
        ServiceInstance.start(database, clock, Map.of("smart-retry.gateway-url", gateway.url()));
    JsonMapper json = service.bean(JsonMapper.class);
    report(json, 1, "2026-03-10T08:00:00Z", "insufficient_funds", 1);
    report(json, 2, "2026-03-11T08:00:00Z", "card_velocity_exceeded", null);
    report(json, 3, "2026-03-12T19:00:00Z", null, 2);

    Map<String, Object> registered = registration("in_export_registered", REGISTERED_FIRST);
    attempts(registered).add(attempt(REGISTERED_FIRST.plusSeconds(86_400), "do_not_honor"));
    // A fixed schedule far ahead: the scheduler makes no call while the test runs.
    registered.put("policy", Map.of("mode", "fixed", "schedule", List.of("P10D")));
    Reply reply =
        service.api().post("/v1/payment-failures", BILLING, json.writeValueAsString(registered));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void everyStoredAttemptComesBackAsSent() throws Exception {
    // The reader hands invoices on in its own order, not the file's.
    assertThat(exportAndReadBack(null, null))
        .containsExactlyInAnyOrder(reportedInvoice(), registeredInvoice());
  }

  @Test
  void theWindowIsOnTheFirstFailure() throws Exception {
    // The reported invoice's later attempts are inside the window, but its first failure is not.
    assertThat(exportAndReadBack(Instant.parse("2026-03-11T00:00:00Z"), null))
        .containsExactly(registeredInvoice());
    assertThat(exportAndReadBack(null, REGISTERED_FIRST)).containsExactly(reportedInvoice());
  }

  private List<Invoice> exportAndReadBack(Instant from, Instant to) throws Exception {
    Path file = files.resolve("export-" + from + "-" + to + ".csv.gz");
    try (Connection connection = database.connect();
        HistoryWriter writer = HistoryWriter.open(file)) {
      StoredHistory.export(connection, from, to, writer::write, rows -> {});
    }
    List<Invoice> read = new ArrayList<>();
    ReadReport report = HistoryReader.builder().strict(true).build().read(file, read::add);
    assertThat(report.rowsRejected()).isZero();
    return read;
  }

  private static Invoice reportedInvoice() {
    return new Invoice(
        "in_export_reported",
        "cus_export",
        1250,
        "USD",
        BillingInterval.YEAR,
        ZoneId.of("America/Chicago"),
        OptionalInt.of(30),
        new Card(CardBrand.MASTERCARD, CardFunding.CREDIT, "US", Optional.of("iss_7")),
        List.of(
            new Attempt(
                1,
                REPORTED_FIRST,
                Outcome.FAILED,
                DeclineCode.INSUFFICIENT_FUNDS,
                OptionalInt.of(1)),
            new Attempt(
                2,
                Instant.parse("2026-03-11T08:00:00Z"),
                Outcome.FAILED,
                DeclineCode.CARD_VELOCITY_EXCEEDED,
                OptionalInt.empty()),
            new Attempt(
                3,
                Instant.parse("2026-03-12T19:00:00Z"),
                Outcome.SUCCEEDED,
                null,
                OptionalInt.of(2))));
  }

  /** The spec's example invoice as the registration helper sends it, with two failed attempts. */
  private static Invoice registeredInvoice() {
    return new Invoice(
        "in_export_registered",
        "cus_9s6XKz",
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of("Europe/Paris"),
        OptionalInt.of(412),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.of("iss_042")),
        List.of(
            new Attempt(
                1,
                REGISTERED_FIRST,
                Outcome.FAILED,
                DeclineCode.INSUFFICIENT_FUNDS,
                OptionalInt.empty()),
            // The registration's signals belong to its last attempt.
            new Attempt(
                2,
                REGISTERED_FIRST.plusSeconds(86_400),
                Outcome.FAILED,
                DeclineCode.DO_NOT_HONOR,
                OptionalInt.of(2))));
  }

  private void report(JsonMapper json, int number, String at, String declineCode, Integer devices)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("invoice_id", "in_export_reported");
    body.put("customer_id", "cus_export");
    body.put("amount_minor", 1250);
    body.put("currency", "USD");
    body.put("billing_interval", "year");
    body.put("timezone", "America/Chicago");
    body.put("customer_tenure_days", 30);
    body.put(
        "card",
        Map.of("brand", "mastercard", "funding", "credit", "country", "US", "issuer_id", "iss_7"));
    body.put("attempt_number", number);
    body.put("attempted_at", at);
    body.put("outcome", declineCode == null ? "succeeded" : "failed");
    if (declineCode != null) {
      body.put("decline_code", declineCode);
    }
    if (devices != null) {
      body.put("devices_24h", devices);
    }
    Reply reply = service.api().post("/v1/attempts", BILLING, json.writeValueAsString(body));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }
}
