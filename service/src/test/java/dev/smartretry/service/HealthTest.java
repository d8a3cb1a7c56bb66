package dev.smartretry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.smartretry.service.testing.TestApiKeys;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthTest implements TestApiKeys {
  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void isUpWithTheDatabaseInItsDetails() {
    HttpResponse<Map<String, Object>> response =
        client
            .toBlocking()
            .exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

    assertThat(response.code()).isEqualTo(200);
    Map<String, Object> health = response.body();
    assertThat(health).containsEntry("status", "UP");
    assertThat(health.get("details"))
        .asInstanceOf(MAP)
        .extractingByKey("jdbc")
        .asInstanceOf(MAP)
        .containsEntry("status", "UP");
  }

  @Test
  @SuppressWarnings("unchecked")
  void tellsAnyoneTheStatusOfEachComponentAndAdminsTheDetails() {
    Map<String, Object> anonymous = health(HttpRequest.GET("/health"));
    Map<String, Object> viewer = health(HttpRequest.GET("/health").bearerAuth(VIEWER));
    Map<String, Object> admin = health(HttpRequest.GET("/health").bearerAuth(ADMIN));

    for (Map<String, Object> statusOnly : java.util.List.of(anonymous, viewer)) {
      Map<String, Object> components = (Map<String, Object>) statusOnly.get("details");
      assertThat(components).containsKeys("jdbc", "model", "scheduler", "decision_state");
      components.forEach(
          (name, component) -> {
            Map<String, Object> shown = (Map<String, Object>) component;
            assertThat(shown).as(name).containsKey("status");
            // Besides its status, only the clock the scheduler goes by, which billing systems on
            // a test clock wait on.
            if (shown.containsKey("details")) {
              assertThat(shown).as(name).containsOnlyKeys("status", "details");
              assertThat(shown.get("details")).asInstanceOf(MAP).containsOnlyKeys("clock");
            }
          });
      assertThat(components.get("scheduler").toString()).contains("clock");
      assertThat(statusOnly.toString()).doesNotContain("jdbc:postgresql", "version", "due_retries");
    }
    assertThat(admin.toString()).contains("jdbc:postgresql", "version", "due_retries");
  }

  @Test
  void answersLivenessAndReadinessForOrchestrators() {
    assertThat(health(HttpRequest.GET("/health/liveness"))).containsEntry("status", "UP");
    Map<String, Object> readiness = health(HttpRequest.GET("/health/readiness"));
    assertThat(readiness).containsEntry("status", "UP");
    assertThat(readiness.get("details")).asInstanceOf(MAP).containsKey("jdbc");
  }

  private Map<String, Object> health(HttpRequest<?> request) {
    HttpResponse<Map<String, Object>> response =
        client.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class));
    assertThat(response.code()).isEqualTo(200);
    return response.body();
  }

  @Test
  void migratedTheSchemaWithTheDefaultPolicy() throws Exception {
    try (Connection connection = TestDatabase.shared().connect();
        Statement statement = connection.createStatement();
        ResultSet policy =
            statement.executeQuery(
                "select mode, max_retries, max_duration, min_interval, schedule::text, final_action"
                    + " from policies where name = 'default'")) {
      assertThat(policy.next()).isTrue();
      assertThat(policy.getString("mode")).isEqualTo("smart");
      assertThat(policy.getInt("max_retries")).isEqualTo(8);
      assertThat(policy.getString("max_duration")).isEqualTo("P14D");
      assertThat(policy.getString("min_interval")).isEqualTo("PT1H");
      assertThat(policy.getString("schedule")).isEqualTo("[\"P1D\", \"P3D\", \"P5D\", \"P7D\"]");
      assertThat(policy.getString("final_action")).isEqualTo("mark_uncollectible");
    }
  }
}
