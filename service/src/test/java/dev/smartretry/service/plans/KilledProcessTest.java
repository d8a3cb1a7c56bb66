package dev.smartretry.service.plans;

import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestGateway.failed;
import static dev.smartretry.service.testing.TestGateway.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.Application;
import dev.smartretry.service.testing.PlanChangesSeen;
import dev.smartretry.service.testing.TestApiKeys;
import dev.smartretry.service.testing.TestDatabase;
import dev.smartretry.service.testing.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A real service process killed with SIGKILL in the middle of a run, a call under way: a second
 * process on the same database takes over, and nothing is lost or charged twice. Time is a
 * simulation clock that both processes share through the database; the test waits on the calls the
 * gateway gets and on PostgreSQL notifications of plans becoming final, never on time.
 */
class KilledProcessTest {
  private static final int PLANS = 200;

  /** Calls under way at once per process: the most that can be under way when one dies. */
  private static final int CONCURRENCY = 24;

  private static final Instant START = Instant.parse("2026-04-06T09:00:00Z");

  private final TestDatabase database = TestDatabase.fresh();
  private final TestGateway gateway = new TestGateway();
  private final TestGateway receiver = new TestGateway();
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    gateway.close();
    receiver.close();
  }

  @Test
  void aKilledProcessLosesNothingAndChargesNothingTwice() throws Exception {
    int port = freePort();
    startService(port, "first");
    HttpResponse<String> endpoint = addEndpoint(port);
    assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
    List<String> finals = listenForFinalPlans();
    // Retries 1 and 2 fail, 3 succeeds. Once every plan is registered and an event is held, the
    // first process dies while it waits for the answer to a call (the 150th or the first after),
    // so that call is under way when it dies.
    AtomicBoolean registeredAll = new AtomicBoolean();
    CountDownLatch killed = new CountDownLatch(1);
    AtomicReference<String> diedDuring = new AtomicReference<>();
    // Once every plan is registered, the receiver holds the events it gets until the first
    // process dies: they are under way when it does, and the second must send them again.
    Set<String> heldWhenKilled = ConcurrentHashMap.newKeySet();
    gateway.answer(
        call -> {
          // Retries run while plans are still being registered, so the 150th call may come
          // before the last registration: the kill waits until an event is held as well.
          if (registeredAll.get()
              && call.number() >= 150
              && !heldWhenKilled.isEmpty()
              && killed.getCount() > 0) {
            processes.get(0).destroyForcibly();
            diedDuring.set(call.key());
            killed.countDown();
          }
          return call.retryNumber() == 3 ? succeeded() : failed("insufficient_funds");
        });
    receiver.answer(
        call -> {
          if (registeredAll.get() && killed.getCount() > 0) {
            heldWhenKilled.add(call.headers().getFirst("webhook-id"));
            return new TestGateway.Reply.Hang(killed, new TestGateway.Reply.Status(204, ""));
          }
          return new TestGateway.Reply.Status(204, "");
        });
    for (int index = 0; index < PLANS; index++) {
      HttpResponse<String> reply = register(port, "in_killed_" + index);
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    }
    registeredAll.set(true);
    assertThat(killed.await(PlanChangesSeen.PATIENCE.toSeconds() * 2, TimeUnit.SECONDS)).isTrue();
    assertThat(processes.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
    synchronized (finals) {
      assertThat(finals).hasSizeLessThan(PLANS);
    }

    startService(port, "second");
    awaitFinal(finals, PLANS);

    assertThat(database.count("select count(*) from payment_plans where status = 'recovered'"))
        .isEqualTo(PLANS);
    assertThat(database.count("select count(*) from attempts where outcome is not null"))
        .isEqualTo(4L * PLANS);
    assertThat(database.count("select count(*) from attempts where outcome is null")).isZero();
    Map<String, Integer> callsPerKey = new HashMap<>();
    gateway.calls().forEach(call -> callsPerKey.merge(call.key(), 1, Integer::sum));
    Set<String> expected = new HashSet<>();
    for (int index = 0; index < PLANS; index++) {
      for (int retry = 1; retry <= 3; retry++) {
        expected.add("in_killed_" + index + ":" + retry);
      }
    }
    // Every retry was charged under its own key and no other; only calls under way when the
    // process died (answered or not, but not yet stored) were made again, and no more can be
    // under way than the concurrency allows.
    assertThat(callsPerKey.keySet()).isEqualTo(expected);
    assertThat(callsPerKey.get(diedDuring.get())).isEqualTo(2);
    assertThat(callsPerKey.values().stream().filter(calls -> calls > 1).count())
        .isLessThanOrEqualTo(CONCURRENCY);

    // Every event of every change reaches the endpoint, at least once, whichever process wrote it
    // and whichever was sending it when the first died: eight per plan (registered and the first
    // decision, then three attempts, each with what it decided).
    long events = database.count("select count(*) from plan_events");
    assertThat(events).isEqualTo(8L * PLANS);
    Set<String> received = new HashSet<>();
    while (received.size() < events) {
      received.add(receiver.awaitCall().headers().getFirst("webhook-id"));
    }
    assertThat(received).hasSize((int) events).allMatch(id -> id.startsWith("evt_"));
    Map<String, Integer> arrivals = new HashMap<>();
    receiver
        .calls()
        .forEach(call -> arrivals.merge(call.headers().getFirst("webhook-id"), 1, Integer::sum));
    assertThat(heldWhenKilled).as("events under way when the process died").isNotEmpty();
    for (String id : heldWhenKilled) {
      assertThat(arrivals.get(id))
          .as("arrivals of %s, under way at the kill", id)
          .isGreaterThanOrEqualTo(2);
    }
    awaitAllDelivered();
  }

  /**
   * Waits until every delivery is stored as delivered: the last answers may arrive a moment before
   * they are stored. Each look waits for the next notification of a stored delivery.
   */
  private void awaitAllDelivered() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create function test_notify_delivered() returns trigger language plpgsql as $$ begin"
              + " perform pg_notify('test_delivered', new.id::text); return null; end $$");
      statement.execute(
          "create trigger test_delivered after update of status on webhook_deliveries"
              + " for each row execute function test_notify_delivered()");
      statement.execute("listen test_delivered");
      PGConnection notifications = connection.unwrap(PGConnection.class);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (database.count("select count(*) from webhook_deliveries where status <> 'delivered'")
          > 0) {
        assertThat(System.nanoTime()).as("deliveries stored").isLessThan(until);
        notifications.getNotifications(1_000);
      }
    }
  }

  private HttpResponse<String> addEndpoint(int port) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/webhook-endpoints"))
            .header("Authorization", "Bearer " + TestApiKeys.ADMIN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"url\": \"" + receiver.url() + "\", \"events\": [\"*\"]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void startService(int port, String name) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), Application.class.getName());
    Map<String, String> env = builder.environment();
    env.put("DATASOURCES_DEFAULT_URL", database.url());
    env.put("DATASOURCES_DEFAULT_USERNAME", "postgres");
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    env.put("SMART_RETRY_API_KEYS", "billing:" + BILLING + ",admin:" + TestApiKeys.ADMIN);
    env.put("SMART_RETRY_GATEWAY_URL", gateway.url());
    // An hour of plan time per real second; both processes share the clock's anchor.
    env.put("SMART_RETRY_CLOCK_START", START.toString());
    env.put("SMART_RETRY_CLOCK_SPEED", "3600");
    // The first process's leases run out 12 real seconds after it dies.
    env.put("SMART_RETRY_GATEWAY_CONNECT_TIMEOUT", "1s");
    env.put("SMART_RETRY_GATEWAY_READ_TIMEOUT", "1s");
    env.put("SMART_RETRY_SCHEDULER_LEASE", "12s");
    env.put("SMART_RETRY_SCHEDULER_CONCURRENCY", Integer.toString(CONCURRENCY));
    env.put("SMART_RETRY_MODEL", "none");
    env.put("SMART_RETRY_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.put("SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE", "true");
    env.put("SMART_RETRY_WEBHOOK_TIMEOUT", "1s");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    processes.add(process);
    awaitStartup(process, Path.of("target", "killed-process-" + name + ".log"));
  }

  /** Copies the process's output to {@code log}, returning once it says it serves requests. */
  private static void awaitStartup(Process process, Path log) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread copier =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  out.println(line);
                  out.flush();
                  if (line.contains("Startup completed")) {
                    started.countDown();
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    copier.setDaemon(true);
    copier.start();
    assertThat(started.await(120, TimeUnit.SECONDS)).as("the service started; see " + log).isTrue();
  }

  private HttpResponse<String> register(int port, String invoiceId)
      throws IOException, InterruptedException {
    // A fixed schedule: retries 6, 7 and 8 hours after the failure (6 real seconds and more),
    // for every plan.
    String body =
        """
        {"invoice_id": "%s", "customer_id": "cus_killed", "amount_minor": 4900,
         "currency": "EUR", "billing_interval": "month", "timezone": "Europe/Paris",
         "card": {"brand": "visa", "funding": "debit", "country": "FR"},
         "attempts": [{"attempted_at": "%s", "decline_code": "insufficient_funds"}],
         "policy": {"mode": "fixed", "schedule": ["PT6H", "PT7H", "PT8H"]}}
        """
            .formatted(invoiceId, START.minusSeconds(60));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/payment-failures"))
            .header("Authorization", "Bearer " + BILLING)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Has PostgreSQL notify the test of every plan that becomes final, whichever process makes it so;
   * the invoices arrive in the returned list, which a listener thread fills.
   */
  private List<String> listenForFinalPlans() throws SQLException, InterruptedException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create function test_notify_final() returns trigger language plpgsql as $$ begin"
              + " perform pg_notify('test_final_plans', new.invoice_id); return null; end $$");
      statement.execute(
          "create trigger test_final_plans after update of status on payment_plans for each row"
              + " when (new.status <> 'scheduled') execute function test_notify_final()");
    }
    List<String> finals = new ArrayList<>();
    CountDownLatch listening = new CountDownLatch(1);
    Thread listener =
        new Thread(
            () -> {
              try (Connection connection = database.connect();
                  Statement statement = connection.createStatement()) {
                statement.execute("listen test_final_plans");
                listening.countDown();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                  PGNotification[] received = notifications.getNotifications(0);
                  if (received != null) {
                    synchronized (finals) {
                      for (PGNotification notification : received) {
                        finals.add(notification.getParameter());
                      }
                      finals.notifyAll();
                    }
                  }
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    listener.setDaemon(true);
    listener.start();
    listening.await();
    return finals;
  }

  private static void awaitFinal(List<String> finals, int count) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    synchronized (finals) {
      while (finals.size() < count) {
        long left = until - System.nanoTime();
        assertThat(left).as("plans final: " + finals.size()).isPositive();
        TimeUnit.NANOSECONDS.timedWait(finals, left);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
