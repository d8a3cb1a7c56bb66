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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
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
  private static final long PATIENCE_MILLIS = 10_000;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject TableChanges changes;

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

    assertThat(eventually(() -> retriesRemaining(POLICY), 6)).isEqualTo(6);
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

    assertThat(eventually(() -> (String) decide(null).object().get("policy"), POLICY))
        .isEqualTo(POLICY);
  }

  @Test
  void aLostListeningConnectionIsReplacedWithoutMissingAChange() throws SQLException {
    putPolicy(3);
    assertThat(retriesRemaining(POLICY)).isEqualTo(2);
    awaitListening();
    long before = changes.generation();

    execute(
        "select pg_terminate_backend(pid) from pg_stat_activity"
            + " where datname = current_database() and query = 'listen "
            + TableChanges.CHANNEL
            + "'");
    execute("update policies set max_retries = 5 where name = '" + POLICY + "'");

    assertThat(eventually(() -> retriesRemaining(POLICY), 4)).isEqualTo(4);
    assertThat(eventually(changes::generation, before + 2)).isGreaterThan(before + 1);
    execute("update policies set max_retries = 9 where name = '" + POLICY + "'");
    assertThat(eventually(() -> retriesRemaining(POLICY), 8)).isEqualTo(8);
  }

  @Test
  void aNotificationMovesTheGenerationOn() throws SQLException {
    awaitListening();
    long before = changes.generation();

    execute("update policies set max_retries = max_retries where name = 'default'");

    assertThat(eventually(changes::generation, before + 1)).isGreaterThan(before);
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

  private void awaitListening() {
    eventually(() -> changes.generation() != TableChanges.UNKNOWN, true);
  }

  /** The first value equal to {@code expected} (or greater, for numbers) within the patience. */
  private static <T> T eventually(Supplier<T> read, T expected) {
    long until = System.currentTimeMillis() + PATIENCE_MILLIS;
    T value = read.get();
    while (!reached(value, expected) && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      value = read.get();
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
