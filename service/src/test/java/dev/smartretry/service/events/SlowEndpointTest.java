package dev.smartretry.service.events;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import dev.smartretry.service.testing.TestGateway.Reply.Hang;
import dev.smartretry.service.testing.TestGateway.Reply.Status;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that never answers holds at most its cap of tries, and the other endpoints get every
 * event meanwhile: a slow endpoint delays only its own deliveries.
 */
class SlowEndpointTest {
  private static final int CAP = 2;
  private static final int PLANS = 6;

  private final TestDatabase database = TestDatabase.fresh();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private final TestGateway gateway = new TestGateway();
  private final TestGateway slow = new TestGateway();
  private final TestGateway fast = new TestGateway();
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void stop() {
    never.countDown();
    gateway.close();
    slow.close();
    fast.close();
  }

  @Test
  void aHangingEndpointHoldsOnlyItsCapAndTheOthersGetEverything() throws Exception {
    try (ServiceInstance service =
        ServiceInstance.start(
            database,
            clock,
            SendingService.settings(
                gateway,
                Map.of(
                    "smart-retry.webhook-concurrency",
                    Integer.toString(CAP),
                    // Longer than the test: the held tries stay under way throughout.
                    "smart-retry.webhook-timeout",
                    "100s",
                    "smart-retry.scheduler-lease",
                    "10m")))) {
      JsonMapper json = service.bean(JsonMapper.class);
      slow.answer(call -> new Hang(never, new Status(204, "")));
      fast.answer(call -> new Status(204, ""));
      for (TestGateway receiver : List.of(slow, fast)) {
        String body =
            json.writeValueAsString(Map.of("url", receiver.url(), "events", List.of("*")));
        assertThat(service.api().post("/v1/webhook-endpoints", ADMIN, body).status())
            .isEqualTo(201);
      }

      for (int index = 0; index < PLANS; index++) {
        String body =
            json.writeValueAsString(
                registration("in_slow_" + index, clock.instant().minusSeconds(60)));
        assertThat(service.api().post("/v1/payment-failures", BILLING, body).status())
            .isEqualTo(201);
      }

      assertThat(fast.awaitCalls(2 * PLANS)).hasSize(2 * PLANS);
      assertThat(slow.awaitCalls(CAP)).hasSize(CAP);
      assertThat(slow.calls()).as("tries held by the hanging endpoint").hasSize(CAP);
      assertThat(
              database.count(
                  "select count(*) from webhook_deliveries d join webhook_endpoints e"
                      + " on e.id = d.endpoint_id where e.url = '"
                      + slow.url()
                      + "' and d.status = 'pending'"))
          .isEqualTo(2 * PLANS);
    }
  }
}
