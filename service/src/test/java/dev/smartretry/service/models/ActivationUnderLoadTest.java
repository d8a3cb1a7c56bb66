package dev.smartretry.service.models;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Decisions over HTTP while the live model is switched back and forth: every decision must succeed,
 * each on one whole model, and the next decision after an activation uses the new one.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivationUnderLoadTest implements TestApiKeys {
  private static final String OTHER = "2026-12-04T09:00:00Z-loadalt";
  private static final String REQUEST =
      """
      {"invoice_id": "in_load", "customer_id": "cus_load", "amount_minor": 4900,
       "currency": "EUR", "billing_interval": "month", "timezone": "Europe/Paris",
       "card": {"brand": "visa", "funding": "debit", "country": "FR"},
       "attempts": [{"attempted_at": "2026-03-01T14:05:00Z", "decline_code": "insufficient_funds"}],
       "as_of": "2026-03-01T14:06:00Z"}
      """;

  private final Path modelsDir = temporaryDirectory();
  private final String defaultVersion = ModelDirectories.shippedDefault().version();

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("smart-retry.models-dir", modelsDir.toString());
    try {
      ModelDirectories.otherVersion(modelsDir.resolve("other"), OTHER, "2026-12-04T09:00:00Z");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  @AfterAll
  void cleanUp() {
    activate(defaultVersion);
    ModelDirectories.deleteRecursively(modelsDir);
  }

  private Reply activate(String version) {
    return new Api(client, json)
        .send(
            HttpRequest.create(HttpMethod.POST, "/v1/models/" + version + "/activate")
                .bearerAuth(ADMIN));
  }

  private Reply decide() {
    return new Api(client, json)
        .send(
            HttpRequest.POST("/v1/retry-decisions", REQUEST)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(BILLING));
  }

  @Test
  void decisionsInFlightNeverFailWhileModelsSwitch() throws Exception {
    // The other version must be known before it can be activated: listing rescans.
    assertThat(new Api(client, json).get("/v1/models", ADMIN).status()).isEqualTo(200);
    AtomicBoolean running = new AtomicBoolean(true);
    // One permit per decision answered: each activation waits for decisions after it, not a time.
    Semaphore decided = new Semaphore(0);
    List<String> failures = new CopyOnWriteArrayList<>();
    Set<Object> versionsSeen = ConcurrentHashMap.newKeySet();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    for (int caller = 0; caller < 4; caller++) {
      callers.submit(
          () -> {
            while (running.get()) {
              Reply reply = decide();
              if (reply.status() != 200) {
                failures.add(reply.toString());
              } else {
                versionsSeen.add(reply.object().get("model_version"));
              }
              decided.release();
            }
          });
    }
    try {
      for (int round = 0; round < 10; round++) {
        assertThat(activate(round % 2 == 0 ? OTHER : defaultVersion).status()).isEqualTo(200);
        decided.drainPermits();
        assertThat(decided.tryAcquire(8, 30, TimeUnit.SECONDS))
            .as("decisions after activation %d", round)
            .isTrue();
      }
    } finally {
      running.set(false);
      callers.shutdown();
      assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(failures).isEmpty();
    assertThat(versionsSeen).containsExactlyInAnyOrder(OTHER, defaultVersion);
    assertThat(activate(OTHER).status()).isEqualTo(200);
    assertThat(decide().object()).containsEntry("model_version", OTHER);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("smart-retry-activation-load");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
