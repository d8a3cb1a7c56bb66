package dev.smartretry.service.database;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smartretry.service.testing.DatabaseProxy;
import dev.smartretry.service.testing.DecisionRequests;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database goes away while the service runs (a relay between them is cut: every connection
 * closed, new ones refused) and comes back. Decisions go on from what is in memory; what needs the
 * database answers 503 with Retry-After, never 500; the log says so once, not per request.
 */
class RequestsDuringOutageTest {
  private static final String POLICY = "outage-policy";

  private final TestDatabase database = TestDatabase.fresh();
  private final DatabaseProxy proxy = DatabaseProxy.to(database);
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Semaphore listening = new Semaphore(0);
  private ServiceInstance service;

  @BeforeEach
  void start() {
    service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "datasources.default.url",
                proxy.url(database),
                "smart-retry.scheduler",
                "off",
                "smart-retry.gateway-url",
                "http://127.0.0.1:9/charge"));
    service.bean(TableChanges.class).follow("(listening started)", listening::release);
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void stop() {
    root.detachAppender(log);
    service.close();
    proxy.close();
  }

  @Test
  void decisionsGoOnAndWhatNeedsTheDatabaseAnswers503UntilItIsBack() throws Exception {
    Reply put =
        service
            .api()
            .put(
                "/v1/policies/" + POLICY,
                ADMIN,
                "{\"max_retries\": 4, \"max_duration\": \"P14D\"}");
    assertThat(put.status()).as(put.toString()).isIn(200, 201);
    assertThat(decide().object()).containsEntry("policy", POLICY);

    proxy.cut();

    for (int request = 0; request < 5; request++) {
      Reply decision = decide();
      assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
      assertThat(decision.object()).containsEntry("policy", POLICY);
    }
    for (int request = 0; request < 3; request++) {
      assertUnavailable(service.api().get("/v1/metrics/recovery", VIEWER));
      assertUnavailable(
          service
              .api()
              .put(
                  "/v1/policies/" + POLICY,
                  ADMIN,
                  "{\"max_retries\": 5, \"max_duration\": \"P14D\"}"));
      assertUnavailable(
          service
              .api()
              .post(
                  "/v1/payment-failures",
                  BILLING,
                  json(DecisionRequests.registration("in_outage_" + request))));
    }
    Reply health = service.api().send(HttpRequest.GET("/health").bearerAuth(ADMIN));
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body()).contains("\"state\":\"stale\"", "\"stale_since\"");

    List<ILoggingEvent> duringOutage = List.copyOf(log.list);
    assertThat(duringOutage)
        .filteredOn(event -> event.getFormattedMessage().contains("database is unreachable"))
        .hasSize(1);
    assertThat(duringOutage)
        .filteredOn(event -> event.getLevel() == Level.ERROR || event.getThrowableProxy() != null)
        .isEmpty();

    listening.drainPermits();
    proxy.restore();
    assertThat(listening.tryAcquire(30, TimeUnit.SECONDS)).as("listening again").isTrue();

    Reply read = service.api().get("/v1/policies/" + POLICY, ADMIN);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(log.list)
        .filteredOn(event -> event.getFormattedMessage().contains("database is reachable again"))
        .hasSize(1);
    assertThat(service.api().send(HttpRequest.GET("/health").bearerAuth(ADMIN)).status())
        .isEqualTo(200);
  }

  private static void assertUnavailable(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.headers().get("Retry-After")).isNotBlank();
    assertThat(reply.object().get("detail").toString()).contains("database");
  }

  private Reply decide() throws IOException {
    Map<String, Object> request = DecisionRequests.valid();
    request.put("policy", POLICY);
    return service.api().post("/v1/retry-decisions", BILLING, json(request));
  }

  private String json(Object value) throws IOException {
    return service.bean(JsonMapper.class).writeValueAsString(value);
  }
}
