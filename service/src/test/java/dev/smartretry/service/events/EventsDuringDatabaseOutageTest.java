package dev.smartretry.service.events;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.smartretry.service.scheduler.DueWorkLoop;
import dev.smartretry.service.testing.DeliveriesSeen;
import dev.smartretry.service.testing.PlanChangesSeen;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import dev.smartretry.service.testing.TestGateway.Reply.Hang;
import dev.smartretry.service.testing.TestGateway.Reply.Status;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database goes away while events are on their way and comes back: the tries whose results
 * could not be stored are made again, with the same {@code webhook-id}, and every event is
 * delivered. The test waits on the dispatcher's own reports of the outage, never on time.
 */
class EventsDuringDatabaseOutageTest {
  private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final TestGateway receiver = new TestGateway();
  private final SettableClock clock = new SettableClock(START);
  private final Logger loopLog = (Logger) LoggerFactory.getLogger(DueWorkLoop.class);
  private final Reports reports = new Reports();
  private ServiceInstance service;

  @AfterEach
  void stop() {
    loopLog.detachAppender(reports);
    database.executeOnServer("alter database " + database.name() + " with allow_connections true");
    service.close();
    gateway.close();
    receiver.close();
  }

  /** The dispatcher's warnings, as they happen. */
  private static final class Reports extends AppenderBase<ILoggingEvent> {
    final CountDownLatch cannotClaim = new CountDownLatch(1);
    final CountDownLatch notStored = new CountDownLatch(1);

    @Override
    protected void append(ILoggingEvent event) {
      String message = event.getFormattedMessage();
      if (event.getLevel() == Level.WARN && message.startsWith("Cannot claim due deliveries")) {
        cannotClaim.countDown();
      }
      if (event.getLevel() == Level.WARN && message.startsWith("Executing due deliveries fails")) {
        notStored.countDown();
      }
    }
  }

  @Test
  void eventsWhoseTriesWereNotStoredAreSentAgainAndNoneIsLost() throws Exception {
    service =
        ServiceInstance.start(
            database,
            clock,
            SendingService.settings(
                gateway, Map.of("datasources.default.connection-timeout", "500")));
    reports.start();
    loopLog.addAppender(reports);
    JsonMapper json = service.bean(JsonMapper.class);
    assertThat(
            service
                .api()
                .post(
                    "/v1/webhook-endpoints",
                    ADMIN,
                    json.writeValueAsString(Map.of("url", receiver.url(), "events", List.of("*"))))
                .status())
        .isEqualTo(201);
    CountDownLatch answer = new CountDownLatch(1);
    receiver.answer(call -> new Hang(answer, new Status(204, "")));
    assertThat(
            service
                .api()
                .post(
                    "/v1/payment-failures",
                    BILLING,
                    json.writeValueAsString(registration("in_outage", START.minusSeconds(60))))
                .status())
        .isEqualTo(201);
    // Both events (registered, scheduled) are under way, held by the receiver.
    Set<String> held = new HashSet<>();
    for (TestGateway.Call call : receiver.awaitCalls(2)) {
      held.add(call.headers().getFirst("webhook-id"));
    }

    takeTheDatabaseAway();
    answer.countDown();
    await(reports.notStored);
    receiver.answer(call -> new Status(204, ""));
    // Their leases (two minutes) run out while the database is away.
    clock.advance(Duration.ofMinutes(3));
    await(reports.cannotClaim);
    assertThat(receiver.calls()).hasSize(2);

    giveTheDatabaseBack();
    service.bean(WebhookDispatcher.class).wake();
    Set<String> again = new HashSet<>();
    for (TestGateway.Call call : receiver.awaitCalls(2)) {
      again.add(call.headers().getFirst("webhook-id"));
    }
    assertThat(again).isEqualTo(held);
    DeliveriesSeen seen = service.bean(DeliveriesSeen.class);
    for (int stored = 0; stored < 2; stored++) {
      seen.await(tried -> tried.status().equals("delivered"));
    }
    assertThat(database.count("select count(*) from webhook_deliveries where status = 'delivered'"))
        .isEqualTo(2);
    assertThat(database.count("select count(*) from plan_events")).isEqualTo(2);
  }

  private void takeTheDatabaseAway() {
    database.executeOnServer("alter database " + database.name() + " with allow_connections false");
    database.executeOnServer(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + database.name()
            + "'");
  }

  private void giveTheDatabaseBack() {
    database.executeOnServer("alter database " + database.name() + " with allow_connections true");
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(PlanChangesSeen.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }
}
