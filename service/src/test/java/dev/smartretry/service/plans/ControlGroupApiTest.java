package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.DecisionRequests.valid;
import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.decision.Arm;
import dev.smartretry.service.decision.ControlGroup;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live control group over HTTP (docs/http-api.md, section 8): {@code control_share} on
 * policies, the arm and reason of decisions, and a plan that keeps its arm when the share changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlGroupApiTest {
  private static final Instant NOW = Instant.parse("2026-03-01T14:06:00Z");
  private static final String SPLIT =
      "{\"control_share\": 0.5, \"schedule\": [\"P1D\", \"P3D\", \"P5D\"]}";

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(NOW);
  private ServiceInstance service;
  private JsonMapper json;

  @BeforeAll
  void start() {
    service =
        ServiceInstance.start(database, clock, Map.of("smart-retry.gateway-url", gateway.url()));
    json = service.bean(JsonMapper.class);
    gateway.answer(call -> failed("insufficient_funds"));
    assertThat(service.api().put("/v1/policies/split", ADMIN, SPLIT).status()).isBetween(200, 201);
  }

  @AfterAll
  void stop() {
    service.close();
    gateway.close();
  }

  @Test
  void thePolicyKeepsItsShareAndRefusesOneAboveHalf() {
    Reply policy = service.api().get("/v1/policies/split", ADMIN);
    assertThat(policy.object()).containsEntry("control_share", 0.5);
    assertThat(service.api().get("/v1/policies/default", ADMIN).object())
        .containsEntry("control_share", 0.0);

    Reply tooMuch = service.api().put("/v1/policies/greedy", ADMIN, "{\"control_share\": 0.6}");
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.errorFields()).containsExactly("control_share");
    Reply negative = service.api().put("/v1/policies/greedy", ADMIN, "{\"control_share\": -0.1}");
    assertThat(negative.errorFields()).containsExactly("control_share");
  }

  @Test
  void decisionsSayTheirArmAndTheControlArmFollowsTheSchedule() {
    int control = 0;
    for (int customer = 0; customer < 40; customer++) {
      String id = "cus_split_" + customer;
      Map<String, Object> request = valid();
      request.put("customer_id", id);
      request.put("policy", "split");
      Reply reply = service.api().post("/v1/retry-decisions", BILLING, write(request));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      Map<String, Object> decision = reply.object();
      Arm expected = ControlGroup.armOf(id, "split", 0.5);
      assertThat(decision.get("arm")).isEqualTo(expected.wireName());
      if (expected == Arm.CONTROL) {
        control++;
        // The schedule's first offset after the original charge (2026-03-01T14:05Z).
        assertThat(decision)
            .containsEntry("reason", "control_group")
            .containsEntry("next_attempt_at", "2026-03-02T14:05:00Z")
            .containsEntry("success_probability", null);
      } else {
        assertThat(decision.get("reason")).isEqualTo("model_optimum");
      }
    }
    assertThat(control).isBetween(1, 39);

    Map<String, Object> unsplit = valid();
    assertThat(
            service.api().post("/v1/retry-decisions", BILLING, write(unsplit)).object().get("arm"))
        .isEqualTo("smart");
  }

  @Test
  void aPlanKeepsItsArmWhenTheShareChanges() {
    String customer = customerIn(Arm.CONTROL);
    Map<String, Object> body = registration("in_control_plan", NOW.minusSeconds(60));
    body.put("customer_id", customer);
    body.put("policy", "split");
    Reply registered = service.api().post("/v1/payment-failures", BILLING, write(body));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Map<String, Object> plan = registered.object();
    assertThat(plan).containsEntry("arm", "control").containsEntry("reason", "control_group");

    // Nobody is sent to the control arm any more; the plan stays where it was drawn.
    assertThat(service.api().put("/v1/policies/split", ADMIN, SPLIT.replace("0.5", "0")).status())
        .isEqualTo(200);
    try {
      clock.set(Instant.parse((String) plan.get("next_payment_attempt")));
      service.bean(RetryExecutor.class).wake();
      service
          .changes()
          .await(
              changed ->
                  changed.invoiceId().equals("in_control_plan")
                      && changed.change() == PlanChanged.Change.RETRIED);
      Map<String, Object> after =
          service.api().get("/v1/payment-failures/in_control_plan", BILLING).object();
      assertThat(after)
          .containsEntry("arm", "control")
          .containsEntry("reason", "control_group")
          .containsEntry("retry_number", 2)
          // The schedule's second offset: three days after the original charge.
          .containsEntry(
              "next_payment_attempt", NOW.minusSeconds(60).plus(Duration.ofDays(3)).toString());
    } finally {
      service.api().put("/v1/policies/split", ADMIN, SPLIT);
      clock.set(NOW);
    }
  }

  private static String customerIn(Arm arm) {
    for (int customer = 0; ; customer++) {
      String id = "cus_plan_" + customer;
      if (ControlGroup.armOf(id, "split", 0.5) == arm) {
        return id;
      }
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
