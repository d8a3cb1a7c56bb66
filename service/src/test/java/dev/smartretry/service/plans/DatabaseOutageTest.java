package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.smartretry.service.scheduler.DueWorkLoop;
import dev.smartretry.service.testing.PlanChangesSeen;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import dev.smartretry.service.testing.TestGateway.Reply.Hang;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database goes away in the middle of a run, with a call under way, and comes back: the retries
 * resume by themselves, none is lost, none is charged twice. The test waits on the scheduler's own
 * reports of the outage (its log events), never on time.
 */
class DatabaseOutageTest {
  private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");
  private static final int PLANS = 20;

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
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
  }

  /** The loop's warnings, as they happen. */
  private static final class Reports extends AppenderBase<ILoggingEvent> {
    final CountDownLatch cannotClaim = new CountDownLatch(1);
    final CountDownLatch notStored = new CountDownLatch(1);

    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel() == Level.WARN
          && event.getFormattedMessage().startsWith("Cannot claim")) {
        cannotClaim.countDown();
      }
      if (event.getLevel() == Level.WARN
          && event.getFormattedMessage().startsWith("Executing due retries fails")) {
        notStored.countDown();
      }
    }
  }

  @Test
  void retriesResumeWhenTheDatabaseIsBackNoneLostNoneDoubled() throws Exception {
    service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                // Fail fast while the database is away: the test need not wait 5 s per try.
                "datasources.default.connection-timeout",
                "500"));
    reports.start();
    loopLog.addAppender(reports);
    JsonMapper json = service.bean(JsonMapper.class);
    for (int index = 0; index < PLANS; index++) {
      Map<String, Object> body = registration("in_outage_" + index, START.minusSeconds(60));
      // Plan 0 is due an hour before the others: its call is under way when the database goes.
      body.put(
          "policy", Map.of("mode", "fixed", "schedule", List.of(index == 0 ? "PT1H" : "PT2H")));
      assertThat(
              service
                  .api()
                  .post("/v1/payment-failures", BILLING, json.writeValueAsString(body))
                  .status())
          .isEqualTo(201);
    }
    CountDownLatch answer = new CountDownLatch(1);
    gateway.answer(call -> new Hang(answer, failed("insufficient_funds")));
    moveTo(START.plus(Duration.ofHours(1)));
    TestGateway.Call underWay = gateway.awaitCall();

    takeTheDatabaseAway();
    answer.countDown();
    await(reports.notStored);
    gateway.answer(call -> failed("insufficient_funds"));
    // The others come due, and the first plan's lease (two minutes) runs out, while the database
    // is away; time then stands still, so no lease runs out under a call made once it is back.
    moveTo(START.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(3)));
    await(reports.cannotClaim);
    assertThat(gateway.calls()).hasSize(1);

    PlanChangesSeen.anywhere().clear();
    giveTheDatabaseBack();
    service.bean(RetryExecutor.class).wake();
    PlanChangesSeen.anywhere()
        .await(PLANS, changed -> changed.change() == PlanChanged.Change.RETRIED);

    assertThat(gateway.callsWith(underWay.key())).isEqualTo(2);
    for (int index = 1; index < PLANS; index++) {
      assertThat(gateway.callsWith("in_outage_" + index + ":1"))
          .as("calls of in_outage_%d:1 among %s", index, gateway.calls())
          .isEqualTo(1);
    }
    assertThat(database.count("select count(*) from attempts where outcome is not null"))
        .isEqualTo(2 * PLANS);
    assertThat(database.count("select count(*) from attempts where outcome is null")).isZero();
  }

  private void moveTo(Instant at) {
    clock.set(at);
    service.bean(RetryExecutor.class).wake();
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
