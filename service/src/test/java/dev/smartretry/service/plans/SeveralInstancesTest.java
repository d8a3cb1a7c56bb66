package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.DecisionRequests.registration;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.PlanChangesSeen;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import dev.smartretry.service.testing.TestGateway.Reply.Hang;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances of the service on one database, sharing one clock: every due retry runs once,
 * no retry number is charged under two keys, a registration raced on two instances makes one plan,
 * and a retry whose instance went away is taken over with the same key.
 */
class SeveralInstancesTest {
  private static final String PATH = "/v1/payment-failures";
  private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final SettableClock clock = new SettableClock(START);
  private final List<ServiceInstance> instances = new ArrayList<>();

  @AfterEach
  void stop() {
    instances.forEach(ServiceInstance::close);
    gateway.close();
  }

  private ServiceInstance start(boolean scheduler) {
    ServiceInstance instance =
        ServiceInstance.start(
            database,
            clock,
            Map.of(
                "smart-retry.gateway-url",
                gateway.url(),
                "smart-retry.scheduler",
                scheduler ? "on" : "off"));
    instances.add(instance);
    return instance;
  }

  /** A registration whose retries follow a fixed schedule: every plan due at the same times. */
  private String failure(String invoiceId, List<String> schedule) {
    Map<String, Object> body = registration(invoiceId, START.minusSeconds(60));
    body.put("policy", Map.of("mode", "fixed", "schedule", schedule));
    try {
      return instances.get(0).bean(JsonMapper.class).writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void moveTo(Instant at) {
    clock.set(at);
    instances.forEach(instance -> instance.bean(RetryExecutor.class).wake());
  }

  private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : threads.invokeAll(tasks)) {
        results.add(future.get());
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void thousandsOfDueRetriesRunOnceEachAcrossInstances() throws Exception {
    ServiceInstance first = start(true);
    ServiceInstance second = start(true);
    ServiceInstance requestsOnly = start(false);
    int plans = 2_000;
    List<Callable<Integer>> registrations = new ArrayList<>();
    for (int index = 0; index < plans; index++) {
      String body = failure("in_many_" + index, List.of("PT2H", "PT4H"));
      ServiceInstance through = instances.get(index % 3);
      registrations.add(() -> through.api().post(PATH, BILLING, body).status());
    }
    assertThat(inParallel(registrations)).containsOnly(201);

    PlanChangesSeen.anywhere().clear();
    moveTo(START.plus(Duration.ofHours(2)));
    PlanChangesSeen.anywhere().await(plans, SeveralInstancesTest::retried);
    moveTo(START.plus(Duration.ofHours(4)));
    gateway.answer(call -> succeeded());
    PlanChangesSeen.anywhere().await(plans, SeveralInstancesTest::retried);

    Map<String, Integer> callsPerKey = new HashMap<>();
    gateway.calls().forEach(call -> callsPerKey.merge(call.key(), 1, Integer::sum));
    assertThat(callsPerKey).hasSize(2 * plans);
    assertThat(callsPerKey.values()).containsOnly(1);
    for (int index = 0; index < plans; index++) {
      assertThat(callsPerKey).containsKeys("in_many_" + index + ":1", "in_many_" + index + ":2");
    }
    assertThat(database.count("select count(*) from payment_plans where status = 'recovered'"))
        .isEqualTo(plans);
    assertThat(database.count("select count(*) from attempts where outcome is not null"))
        .isEqualTo(3L * plans);
    long storedByFirst = first.changes().count(SeveralInstancesTest::retried);
    long storedBySecond = second.changes().count(SeveralInstancesTest::retried);
    assertThat(storedByFirst + storedBySecond).isEqualTo(2L * plans);
    assertThat(storedByFirst).as("both instances took part").isBetween(1L, 2L * plans - 1);
    assertThat(requestsOnly.changes().count(SeveralInstancesTest::retried)).isZero();
  }

  @Test
  void oneInvoiceRegisteredOnTwoInstancesAtOnceMakesOnePlan() throws Exception {
    ServiceInstance first = start(true);
    ServiceInstance second = start(true);
    for (int invoice = 0; invoice < 20; invoice++) {
      String body = failure("in_race_" + invoice, List.of("P1D"));
      List<Callable<Reply>> racers = new ArrayList<>();
      for (int racer = 0; racer < 8; racer++) {
        ServiceInstance through = racer % 2 == 0 ? first : second;
        racers.add(() -> through.api().post(PATH, BILLING, body));
      }

      List<Reply> replies = inParallel(racers);

      assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize(1);
      assertThat(replies.stream().map(Reply::status)).containsOnly(200, 201);
      assertThat(replies.stream().map(Reply::object).distinct()).hasSize(1);
    }
    assertThat(database.count("select count(*) from payment_plans")).isEqualTo(20);
    assertThat(database.count("select count(*) from attempts")).isEqualTo(20);
  }

  @Test
  void aRetryWhoseInstanceWentAwayIsTakenOverWithTheSameKey() {
    ServiceInstance leaving = start(true);
    String body = failure("in_taken_over", List.of("PT2H"));
    assertThat(leaving.api().post(PATH, BILLING, body).status()).isEqualTo(201);
    CountDownLatch never = new CountDownLatch(1);
    gateway.answer(call -> new Hang(never, succeeded()));
    moveTo(START.plus(Duration.ofHours(2)));
    TestGateway.Call abandoned = gateway.awaitCall();

    ServiceInstance staying = start(true);
    leaving.close();
    instances.remove(leaving);
    gateway.answer(call -> failed("insufficient_funds"));
    // Its lease (two minutes by default) runs out.
    moveTo(START.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(2)).plusSeconds(1));
    TestGateway.Call takeOver = gateway.awaitCall();
    staying.changes().await(changed -> changed.change() == PlanChanged.Change.RETRIED);
    never.countDown();

    assertThat(takeOver.key()).isEqualTo(abandoned.key()).isEqualTo("in_taken_over:1");
    Map<String, Object> plan = staying.api().get(PATH + "/in_taken_over", BILLING).object();
    assertThat((List<?>) plan.get("attempts")).hasSize(2);
    assertThat(gateway.calls()).hasSize(2);
  }

  private static boolean retried(PlanChanged changed) {
    return changed.change() == PlanChanged.Change.RETRIED;
  }
}
