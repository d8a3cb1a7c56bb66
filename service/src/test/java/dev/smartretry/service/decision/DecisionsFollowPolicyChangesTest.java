package dev.smartretry.service.decision;

import static dev.smartretry.service.testing.DecisionRequests.valid;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.database.TableChanges;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Decisions read policies and routing rules from memory (see {@link TableChanges}); every change
 * must still reach them: through this instance at once, from anywhere else (another instance, an
 * operator with psql, here a connection of the test's own) as soon as PostgreSQL's notification
 * arrives.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionsFollowPolicyChangesTest implements TestApiKeys {
  private static final String POLICY = "follows-changes";
  // Far more than a notification takes on one machine; the test ends as soon as it arrives.
  private static final long PATIENCE_SECONDS = 10;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject TableChanges changes;

  // A permit whenever the service starts listening, and whenever a notification names a table.
  private final Semaphore listened = new Semaphore(0);
  private final Semaphore notified = new Semaphore(0);

  @BeforeAll
  void followTheNotifications() {
    // No notification names this table: the follower is told only when listening starts.
    changes.follow("(listening started)", listened::release);
    changes.follow("policies", notified::release);
    changes.follow("policy_rules", notified::release);
  }

  private Api api() {
    return new Api(client, json);
  }

  @AfterEach
  void removeThePolicy() {
    api().put("/v1/policy-rules", ADMIN, "[]");
    api().delete("/v1/policies/" + POLICY, ADMIN);
  }

  @Test
  void aChangeThroughTheApiReachesTheVeryNextDecision() {
    putPolicy(3);
    assertThat(retriesRemaining(POLICY)).isEqualTo(2);

    putPolicy(6);

    assertThat(retriesRemaining(POLICY)).isEqualTo(5);
  }

  @Test
  void aRuleChangeThroughTheApiReachesTheVeryNextDecision() {
    putPolicy(2);
    assertThat(decide(null).object()).containsEntry("policy", "default");

    api()
        .put(
            "/v1/policy-rules",
            ADMIN,
            "[{\"name\": \"pro\", \"policy\": \""
                + POLICY
                + "\","
                + " \"when\": {\"metadata\": {\"plan\": \"pro\"}}}]");

    assertThat(decide(null).object()).containsEntry("policy", POLICY);
  }

  @Test
  void aChangeMadeInTheDatabaseByHandReachesDecisions() throws SQLException {
    putPolicy(3);
    assertThat(retriesRemaining(POLICY)).isEqualTo(2);
    awaitListening();

    execute("update policies set max_retries = 7 where name = '" + POLICY + "'");

    assertThat(afterNotifications(() -> retriesRemaining(POLICY), 6)).isEqualTo(6);
  }

  @Test
  void aRuleAddedInTheDatabaseByHandReachesDecisions() throws SQLException {
    putPolicy(2);
    assertThat(decide(null).object()).containsEntry("policy", "default");
    awaitListening();

    execute(
        "insert into policy_rules (position, name, policy, metadata)"
            + " values (0, 'by-hand', '"
            + POLICY
            + "', '{\"plan\": \"pro\"}')");

    assertThat(afterNotifications(() -> (String) decide(null).object().get("policy"), POLICY))
        .isEqualTo(POLICY);
  }

  @Test
  void aLostListeningConnectionIsReplacedWithoutMissingAChange() throws Exception {
    putPolicy(3);
    assertThat(retriesRemaining(POLICY)).isEqualTo(2);
    awaitListening();
    long before = changes.generation();
    listened.drainPermits();

    execute(
        "select pg_terminate_backend(pid) from pg_stat_activity"
            + " where datname = current_database() and query = 'listen "
            + TableChanges.CHANNEL
            + "'");
    // Made while nothing listens: no notification reaches the service for it.
    execute("update policies set max_retries = 5 where name = '" + POLICY + "'");

    // Listening again: whatever was loaded before counts as stale.
    assertThat(listened.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(changes.generation()).isGreaterThan(before + 1);
    assertThat(retriesRemaining(POLICY)).isEqualTo(4);
    execute("update policies set max_retries = 9 where name = '" + POLICY + "'");
    assertThat(afterNotifications(() -> retriesRemaining(POLICY), 8)).isEqualTo(8);
  }

  @Test
  void aNotificationMovesTheGenerationOn() throws Exception {
    awaitListening();
    long before = changes.generation();
    notified.drainPermits();

    execute("update policies set max_retries = max_retries where name = 'default'");

    assertThat(notified.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(changes.generation()).isGreaterThan(before);
  }

  private void putPolicy(int maxRetries) {
    Reply reply =
        api()
            .put(
                "/v1/policies/" + POLICY,
                ADMIN,
                "{\"max_retries\": " + maxRetries + ", \"max_duration\": \"P14D\"}");
    assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
  }

  private int retriesRemaining(String policy) {
    Reply reply = decide(policy);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return (Integer) reply.object().get("retries_remaining");
  }

  private Reply decide(String policy) {
    Map<String, Object> request = valid();
    if (policy == null) {
      request.remove("policy");
    } else {
      request.put("policy", policy);
    }
    try {
      return api()
          .send(
              HttpRequest.POST("/v1/retry-decisions", json.writeValueAsString(request))
                  .contentType(MediaType.APPLICATION_JSON_TYPE)
                  .bearerAuth(BILLING));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the service listens. A permit left from an earlier start is harmless: the service
   * listened then, and a lost connection is only ever replaced by a new one that tells again.
   */
  private void awaitListening() {
    try {
      while (changes.generation() == TableChanges.UNKNOWN) {
        assertThat(listened.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS))
            .as("listening within %d s", PATIENCE_SECONDS)
            .isTrue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads again after each notification until the value is {@code expected}: the first read after
   * the notification of a change sees it. Returns the last value read, expected or not.
   */
  private <T> T afterNotifications(Supplier<T> read, T expected) {
    T value = read.get();
    try {
      while (!reached(value, expected) && notified.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
        value = read.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return value;
  }

  private static <T> boolean reached(T value, T expected) {
    if (value instanceof Long number && expected instanceof Long target) {
      return number >= target;
    }
    return value.equals(expected);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = TestDatabase.shared().connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
