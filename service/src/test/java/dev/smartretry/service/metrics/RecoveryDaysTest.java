package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.DecisionRequests.reportedAttempt;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Settled days summed once ({@link RecoveryDays}) give the figures that counting the invoices
 * gives, for every metric, grouping and window (whole days, partial edges, one day), on a random
 * history of reported invoices (seed 12) in three currencies, time zones and both arms: invoices of
 * the last two weeks before the clock are still in recovery, so that some days settle and some do
 * not. A write to a summed day forgets it, and a day being written is not summed until the write is
 * over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryDaysTest {
  private static final Instant NOW = Instant.parse("2026-03-25T12:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-01");
  private static final LocalDate LAST_DAY = LocalDate.parse("2026-03-24");
  private static final List<String[]> WINDOWS =
      List.of(
          new String[] {"2026-03-01T00:00:00Z", "2026-03-25T00:00:00Z"},
          new String[] {"2026-02-01T00:00:00Z", "2026-03-25T12:00:00Z"},
          new String[] {"2026-03-02T07:30:00Z", "2026-03-17T16:45:00Z"},
          new String[] {"2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z"},
          new String[] {"2026-03-04T06:00:00Z", "2026-03-04T18:00:00Z"},
          new String[] {"2026-03-09T00:00:00Z", "2026-03-13T00:00:00Z"});

  private final TestDatabase database = TestDatabase.fresh();
  private final SettableClock clock = new SettableClock(NOW);
  private final Map<String, Instant> firstFailures = new LinkedHashMap<>();
  private ServiceInstance service;

  @BeforeAll
  void fill() {
    // Days are summed by the test, not by the minute.
    service =
        ServiceInstance.start(
            database, clock, Map.of("smart-retry.metrics.sum-days-after", "1000d"));
    ok(api().put("/v1/policies/split", ADMIN, "{\"control_share\": 0.5}"));
    Random random = new Random(12);
    String[] currencies = {"EUR", "USD", "GBP"};
    String[] zones = {"Europe/Paris", "America/New_York", "Asia/Tokyo"};
    String[] codes = {"insufficient_funds", "do_not_honor", "generic_decline", "stolen_card"};
    long span =
        Duration.between(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant(), NOW).toMinutes() - 60;
    for (int number = 0; number < 90; number++) {
      String invoice = "in_days_" + number;
      Instant failed =
          FIRST_DAY
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .plusSeconds(60 * (long) random.nextInt((int) span) + random.nextInt(60));
      firstFailures.put(invoice, failed);
      Map<String, Object> invoiceFacts = new LinkedHashMap<>();
      invoiceFacts.put("currency", currencies[random.nextInt(3)]);
      invoiceFacts.put("timezone", zones[random.nextInt(3)]);
      invoiceFacts.put("amount_minor", 500 + 100 * random.nextInt(90));
      invoiceFacts.put("policy", random.nextBoolean() ? "split" : "default");
      String code = codes[random.nextInt(random.nextInt(10) == 0 ? 4 : 3)];
      report(invoice, 1, failed, code, invoiceFacts);
      if (code.equals("stolen_card")) {
        continue; // a hard decline: stopped at once
      }
      Instant at = failed;
      int retries = random.nextInt(4);
      for (int retry = 2; retry <= retries + 1; retry++) {
        at = at.plus(Duration.ofMinutes(20 * 60 + random.nextInt(20 * 60)));
        if (!at.isBefore(NOW) || !at.isBefore(failed.plus(Duration.ofDays(14)))) {
          break;
        }
        boolean succeeded = random.nextInt(100) < 35;
        report(invoice, retry, at, succeeded ? null : "insufficient_funds", invoiceFacts);
        if (succeeded) {
          break;
        }
      }
    }
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void nothingSummed() {
    database.execute("delete from recovery_days");
  }

  @Test
  void summedDaysGiveTheFiguresOfTheInvoicesThemselves() {
    Map<String, Object> counted = everyWindow();

    int summed = days().rollUp(NOW);

    // Invoices of the days since 03-11 12:00 are before their deadline (14 days): some days
    // settle, those with an invoice in recovery do not.
    long days = FIRST_DAY.datesUntil(LAST_DAY.plusDays(1)).count();
    assertThat(summed).isBetween(10, (int) days - 1);
    assertThat(database.count("select count(*) from recovery_days")).isEqualTo(summed);
    assertThat(database.count("select count(*) from recovery_day_groups")).isPositive();
    assertThat(everyWindow()).isEqualTo(counted);
    assertThat(days().rollUp(NOW)).as("nothing left to sum").isZero();
  }

  @Test
  void aWriteToASummedDayForgetsItsFigures() {
    days().rollUp(NOW);
    assertThat(summed("2026-03-03")).isTrue();
    Map<String, Object> before =
        EveryMetric.answers(api(), "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z");

    // A billing system reports a failure of that day late: a hard decline, final at once.
    report(
        "in_days_late",
        1,
        Instant.parse("2026-03-03T09:00:00Z"),
        "stolen_card",
        Map.of(
            "currency",
            "EUR",
            "timezone",
            "Europe/Paris",
            "amount_minor",
            1200,
            "policy",
            "default"));

    assertThat(summed("2026-03-03")).isFalse();
    Map<String, Object> counted = everyWindow();
    Map<String, Object> after =
        EveryMetric.answers(api(), "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z");
    assertThat(failedInvoices(after)).isEqualTo(failedInvoices(before) + 1);
    assertThat(days().rollUp(NOW)).isEqualTo(1);
    assertThat(summed("2026-03-03")).isTrue();
    assertThat(everyWindow()).isEqualTo(counted);
  }

  @Test
  void aDayBeingWrittenIsSummedOnlyOnceTheWriteIsOver() throws SQLException {
    String invoice =
        firstFailures.entrySet().stream()
            .filter(
                e ->
                    LocalDate.ofInstant(e.getValue(), ZoneOffset.UTC)
                        .equals(LocalDate.parse("2026-03-06")))
            .findFirst()
            .orElseThrow()
            .getKey();
    try (Connection writer = database.connect()) {
      writer.setAutoCommit(false);
      try (Statement update = writer.createStatement()) {
        update.executeUpdate(
            "update reported_invoices set updated_at = updated_at where invoice_id = '"
                + invoice
                + "'");
      }

      int summed = days().rollUp(NOW);

      assertThat(summed).isPositive();
      assertThat(summed("2026-03-06")).as("summed while written").isFalse();
      assertThat(summed("2026-03-05")).isTrue();
      writer.commit();
    }
    assertThat(days().rollUp(NOW)).isEqualTo(1);
    assertThat(summed("2026-03-06")).isTrue();
  }

  @Test
  void anEmptyDatabaseHasNothingToSum() {
    try (ServiceInstance empty =
        ServiceInstance.start(
            TestDatabase.fresh(), clock, Map.of("smart-retry.metrics.sum-days-after", "1000d"))) {
      assertThat(empty.bean(RecoveryDays.class).rollUp(NOW)).isZero();
    }
  }

  private Map<String, Object> everyWindow() {
    Map<String, Object> answers = new LinkedHashMap<>();
    for (String[] window : WINDOWS) {
      answers.put(window[0] + " to " + window[1], EveryMetric.answers(api(), window[0], window[1]));
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private static long failedInvoices(Map<String, Object> answers) {
    Map<String, Object> recovery = (Map<String, Object>) answers.get("recovery");
    List<Map<String, Object>> groups = (List<Map<String, Object>>) recovery.get("groups");
    return ((Number) groups.get(0).get("failed_invoices")).longValue();
  }

  private boolean summed(String day) {
    return database.count("select count(*) from recovery_days where day = '" + day + "'") == 1;
  }

  private RecoveryDays days() {
    return service.bean(RecoveryDays.class);
  }

  private void report(
      String invoice, int number, Instant at, String declineCode, Map<String, Object> facts) {
    Map<String, Object> body = reportedAttempt(invoice, number, at.toString(), declineCode);
    body.putAll(facts);
    Reply reply = api().postJson("/v1/attempts", BILLING, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private static void ok(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isBetween(200, 201);
  }

  private Api api() {
    return service.api();
  }
}
