package dev.smartretry.service.events;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.service.testing.DeliveriesSeen;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The secret key's start-up rules, and addresses refused when an endpoint is added and again before
 * each try, on instances that do not allow private addresses.
 */
class EventSecretsTest {
  private final TestDatabase database = TestDatabase.fresh();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private final TestGateway gateway = new TestGateway();
  private final TestGateway receiver = new TestGateway();

  @AfterEach
  void stop() {
    gateway.close();
    receiver.close();
  }

  private String json(Object value) throws IOException {
    return JsonMapper.createDefault().writeValueAsString(value);
  }

  @Test
  void withoutAKeyEndpointsCannotBeAddedButPrivateUrlsAreRefusedFirst() throws IOException {
    try (ServiceInstance service = ServiceInstance.start(database, clock, Map.of())) {
      Reply noKey =
          service
              .api()
              .post(
                  "/v1/webhook-endpoints",
                  ADMIN,
                  json(Map.of("url", "https://93.184.216.34/hooks", "events", List.of("*"))));
      assertThat(noKey.status()).as(noKey.toString()).isEqualTo(503);
      assertThat(noKey.body()).contains("SMART_RETRY_SECRET_KEY");

      Reply loopback =
          service
              .api()
              .post(
                  "/v1/webhook-endpoints",
                  ADMIN,
                  json(Map.of("url", receiver.url(), "events", List.of("*"))));
      assertThat(loopback.status()).isEqualTo(400);
      assertThat(loopback.errors().get(0).get("message"))
          .contains("127.0.0.1")
          .contains("SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE");
    }
  }

  @Test
  void theStartRefusesAMissingKeyOnceEndpointsExistAndAMalformedOneAlways() {
    // Without endpoints, a missing key is no reason to refuse the start.
    ServiceInstance.start(database, clock, Map.of()).close();
    database.execute(
        "insert into webhook_endpoints (id, url, events, status, secret_sealed, created_at,"
            + " updated_at) values ('we_x', 'https://billing.example/hooks', '[\"*\"]',"
            + " 'enabled', 'c2VhbGVk', now(), now())");

    assertThatThrownBy(() -> ServiceInstance.start(database, clock, Map.of()).close())
        .hasStackTraceContaining("SMART_RETRY_SECRET_KEY")
        .hasStackTraceContaining("endpoints exist");
    String malformed = "bm90IDMyIGJ5dGVz";
    assertThatThrownBy(
            () ->
                ServiceInstance.start(database, clock, Map.of("smart-retry.secret-key", malformed))
                    .close())
        .hasStackTraceContaining("SMART_RETRY_SECRET_KEY")
        .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(malformed));
  }

  @Test
  void anEndpointThatNowResolvesToAPrivateAddressGetsNothing() {
    try (ServiceInstance service =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.secret-key",
                EventsTest.SECRET_KEY,
                "smart-retry.gateway-url",
                gateway.url()))) {
      // Added when its name resolved elsewhere; it resolves to this machine now.
      String sealed = service.bean(SecretKeeper.class).box().seal("whsec_" + "A".repeat(43) + "=");
      database.execute(
          "insert into webhook_endpoints (id, url, events, status, secret_sealed, created_at,"
              + " updated_at) values ('we_moved', '"
              + receiver.url()
              + "', '[\"*\"]', 'enabled', '"
              + sealed
              + "', now(), now())");

      Reply registered =
          service
              .api()
              .post(
                  "/v1/payment-failures",
                  BILLING,
                  jsonUnchecked(registration("in_moved", clock.instant().minusSeconds(60))));
      assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
      service.bean(DeliveriesSeen.class).await(tried -> tried.endpointId().equals("we_moved"));

      Map<String, Object> page =
          service.api().get("/v1/webhook-deliveries?endpoint=we_moved", ADMIN).object();
      assertThat(page.toString()).contains("not sent").contains("private");
      assertThat(receiver.calls()).isEmpty();
    }
  }

  private String jsonUnchecked(Object value) {
    try {
      return json(value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String stackTrace(Throwable failure) {
    java.io.StringWriter text = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }
}
