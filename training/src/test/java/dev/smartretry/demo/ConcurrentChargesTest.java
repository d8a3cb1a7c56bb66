package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartretry.demo.GatewayClient.Reply;
import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Eight clients charge the same invoices at once, as service instances racing on every retry would:
 * each walks every invoice's retries in order, four of them from the first invoice on and four from
 * the middle, so that every key is raced by four calls while other invoices are charged beside it.
 * One call of each key must charge and the others get its stored outcome: nothing may be lost,
 * charged twice, or answered differently.
 */
class ConcurrentChargesTest {
  private static final long FIRST = 1_000_000_000L;
  private static final int CLIENTS = 8;
  private static final int INVOICES = 150;
  private static final int MOST_RETRIES = 8;

  private final World truth = new World(WorldConfig.defaults(), 42);

  /** Retry {@code retry} of an invoice, at the same instant for every client. */
  private static Instant retryAt(WorldInvoice invoice, int retry) {
    return invoice.firstFailureAt().plus(Duration.ofHours(19L * retry));
  }

  /** One client's calls: the answer to each key, "<invoice>:<retry>". */
  private static Callable<Map<String, JsonNode>> client(
      GatewayClient http,
      List<WorldInvoice> invoices,
      int start,
      CountDownLatch go,
      AtomicInteger sent) {
    return () -> {
      go.await();
      Map<String, JsonNode> answers = new HashMap<>();
      for (int offset = 0; offset < invoices.size(); offset++) {
        WorldInvoice invoice = invoices.get((start + offset) % invoices.size());
        for (int retry = 1; retry <= MOST_RETRIES; retry++) {
          Reply reply =
              call(http, GatewayClient.body(invoice, retry, retryAt(invoice, retry)), sent);
          assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
          answers.put("in_demo_" + invoice.index() + ":" + retry, reply.json());
          if (reply.json().path("outcome").asText().equals("succeeded")) {
            break;
          }
        }
      }
      return answers;
    };
  }

  /**
   * One charge call, made again with the same key when its answer is lost, as the service does.
   * Answers do get lost here: the JDK 17 client can drop an answer that arrives very fast on a
   * reused connection (JDK-8336655), a few times in a million calls.
   */
  private static Reply call(GatewayClient http, ObjectNode body, AtomicInteger sent) {
    for (int tries = 1; ; tries++) {
      sent.incrementAndGet();
      try {
        return http.charge(body);
      } catch (UncheckedIOException lost) {
        if (tries == 3) {
          throw lost;
        }
      }
    }
  }

  @Test
  void concurrentCallsLoseNothingAndChargeNothingTwice() throws Exception {
    List<WorldInvoice> invoices = new ArrayList<>();
    for (long index = FIRST; index < FIRST + INVOICES; index++) {
      invoices.add(truth.draw(index));
    }
    // What one client alone would meet: the world's own plays at the same instants.
    Map<String, JsonNode> expected = new HashMap<>();
    for (WorldInvoice invoice : invoices) {
      Play play = truth.draw(invoice.index()).newPlay();
      for (int retry = 1; retry <= MOST_RETRIES && !play.recovered(); retry++) {
        expected.put(
            "in_demo_" + invoice.index() + ":" + retry,
            GatewayClient.outcome(play.attempt(retryAt(invoice, retry))));
      }
    }
    PrintWriter silent = new PrintWriter(Writer.nullWriter());
    List<Map<String, JsonNode>> answers = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try (DemoGateway gateway =
        DemoGateway.start(
            new InetSocketAddress("127.0.0.1", 0),
            new DemoBillingSystem(new World(WorldConfig.defaults(), 42), FIRST),
            Optional.empty(),
            Clock.systemUTC(),
            new GatewayLog(silent, silent, true))) {
      GatewayClient http = new GatewayClient(gateway);
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger sent = new AtomicInteger();
      List<Future<Map<String, JsonNode>>> running = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        running.add(clients.submit(client(http, invoices, (client % 2) * INVOICES / 2, go, sent)));
      }
      go.countDown();
      for (Future<Map<String, JsonNode>> client : running) {
        answers.add(client.get());
      }

      for (Map<String, JsonNode> client : answers) {
        assertThat(client).isEqualTo(expected);
      }
      int calls = answers.stream().mapToInt(Map::size).sum();
      assertThat(calls).isGreaterThanOrEqualTo(CLIENTS * 500);
      GatewayStats stats = gateway.stats();
      assertThat(stats.charges()).isEqualTo(expected.size());
      assertThat(stats.keysCharged()).isEqualTo(expected.size());
      // A call whose answer was lost and that was made again is a repeated call too.
      assertThat(stats.repeatedCalls())
          .isBetween(calls - (long) expected.size(), sent.get() - (long) expected.size());
      assertThat(stats.refused()).isZero();
      assertThat(stats.invoicesSeen()).isEqualTo(INVOICES);
      assertThat(stats.doubleCharges()).isZero();
      assertThat(stats.conflictingOutcomes()).isZero();
    } finally {
      clients.shutdownNow();
    }
  }
}
