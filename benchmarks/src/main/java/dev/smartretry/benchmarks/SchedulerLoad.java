package dev.smartretry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The scheduler's benchmark, against running service instances and the demo gateway ({@code
 * demo-gateway}), all on one database, under a simulation clock. Two measurements:
 *
 * <ol>
 *   <li><b>Registration latency</b>: {@code POST /v1/payment-failures} at a fixed rate ({@code
 *       --register-rate}, default 200/s) for {@code --register-for}, each latency measured from its
 *       request's due time (no coordinated omission), spread over the instances. These plans are
 *       due far in the future and take no part in the second measurement.
 *   <li><b>Execution</b>: {@code --plans} world invoices of the demo gateway's world, registered
 *       fast, with due times planned so that {@code --rate} retries come due per real second, many
 *       at the same moment; then it waits until every one ran and reads from the database, for
 *       each, how late it started (its call's {@code attempted_at} minus its {@code scheduled_for},
 *       turned into real time by the clock's speed) and when. {@code --rate 0} makes every retry
 *       due at once: a backlog, to measure how fast the instances drain it.
 * </ol>
 *
 * <p>Each plan is one invoice of the gateway's world ({@code in_demo_<index>}, the demo gateway's
 * ids), with an inline fixed policy whose one offset puts its retry where the flow needs it: the
 * scheduler's work per retry is the claim, the call, the outcome and a decision, whichever policy;
 * the planner's own cost is measured by {@code PlannerBenchmark}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.SchedulerLoad \
 *     --services http://localhost:8081,http://localhost:8082 --key demo-billing-key \
 *     --jdbc-url 'jdbc:postgresql://127.0.0.1:5432/smart_retry_bench?user=postgres' \
 *     --clock-speed 60 --plans 30000 --rate 1000
 * </pre>
 */
public final class SchedulerLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CLOCK = Pattern.compile("\"clock\":\"([^\"]+)\"");
  // The demo gateway's ids: world invoice i is in_demo_i there.
  private static final String DEMO_ID = "in_demo_";

  private final List<URI> services;
  private final String key;
  private final double speed;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SchedulerLoad(List<URI> services, String key, double speed) {
    this.services = services;
    this.key = key;
    this.speed = speed;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadOptions.parse(args);
    List<URI> services = new ArrayList<>();
    for (String url : options.getOrDefault("--services", "http://localhost:8080").split(",")) {
      services.add(URI.create(url.strip()));
    }
    SchedulerLoad load =
        new SchedulerLoad(
            services,
            options.getOrDefault("--key", "demo-billing-key"),
            Double.parseDouble(options.getOrDefault("--clock-speed", "60")));
    World world =
        new World(WorldConfig.defaults(), Long.parseLong(options.getOrDefault("--seed", "42")));
    long firstInvoice = Long.parseLong(options.getOrDefault("--first-invoice", "1000000000"));
    int plans = Integer.parseInt(options.getOrDefault("--plans", "30000"));
    double rate = Double.parseDouble(options.getOrDefault("--rate", "1000"));
    double registerRate = Double.parseDouble(options.getOrDefault("--register-rate", "200"));
    Duration registerFor = Duration.parse(options.getOrDefault("--register-for", "PT60S"));
    String jdbcUrl = options.get("--jdbc-url");
    if (jdbcUrl == null) {
      throw new IllegalArgumentException("--jdbc-url names the services' database");
    }

    Duration warmup = Duration.parse(options.getOrDefault("--warmup", "PT30S"));
    if (!registerFor.isZero()) {
      // Invoices far past the flow's, which skips hard declines and so reaches beyond --plans.
      long latencyInvoices = firstInvoice + 10L * plans;
      System.out.printf("warm-up: registrations at %.0f/s for %s%n", registerRate, warmup);
      load.registrationLatency(world, latencyInvoices, registerRate, warmup);
      long warmed = (long) (registerRate * warmup.toSeconds());
      load.registrationLatency(world, latencyInvoices + warmed, registerRate, registerFor);
    }
    Duration flowWarmup = Duration.parse(options.getOrDefault("--flow-warmup", "PT15S"));
    load.execution(world, firstInvoice, plans, rate, flowWarmup, jdbcUrl);
    System.exit(0);
  }

  /** Registers at a fixed rate, measuring each latency from its due time. */
  private void registrationLatency(World world, long firstInvoice, double rate, Duration duration)
      throws Exception {
    Instant now = serviceClock();
    // Due in 50 days: they stay out of the execution measurement.
    List<byte[]> bodies = new ArrayList<>();
    long count = (long) (rate * duration.toSeconds());
    for (long index = 0; index < count; index++) {
      WorldInvoice invoice = world.draw(firstInvoice + index);
      bodies.add(body(invoice, now.minusSeconds(60), Duration.ofDays(50)));
    }
    Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    for (int index = 0; index < bodies.size(); index++) {
      long due = start + index * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      URI service = services.get(index % services.size());
      sent.add(
          http.sendAsync(
                  register(service, bodies.get(index)), HttpResponse.BodyHandlers.discarding())
              .handle(
                  (response, failure) -> {
                    synchronized (latency) {
                      latency.recordValue(Math.min(System.nanoTime() - due, 59_000_000_000L));
                    }
                    statuses.merge(response == null ? -1 : response.statusCode(), 1L, Long::sum);
                    return null;
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "registration: %,d at %.0f/s over %.1f s; statuses %s%n",
        bodies.size(), rate, seconds, statuses);
    System.out.printf(
        "registration latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(90) / 1e6,
        latency.getValueAtPercentile(99) / 1e6,
        latency.getValueAtPercentile(99.9) / 1e6,
        latency.getMaxValue() / 1e6);
  }

  /** Registers the plans of the flow, waits until they all ran, and measures from the database. */
  private void execution(
      World world, long firstInvoice, int plans, double rate, Duration flowWarmup, String jdbcUrl)
      throws Exception {
    // Registering runs at several hundred a second; the flow starts once it is surely done.
    Duration lead = Duration.ofSeconds(30 + plans / 250);
    Instant now = serviceClock();
    Instant firstDue = now.plus(clockTime(lead));
    Instant failedAt = now.minusSeconds(60);
    System.out.printf(
        "execution: %,d plans, %s, first due at %s (clock), %s real from now%n",
        plans,
        rate > 0 ? String.format("%.0f due per real second", rate) : "all due at once",
        firstDue,
        lead);
    Semaphore inFlight = new Semaphore(16);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<String> ids = new ArrayList<>();
    long started = System.nanoTime();
    for (long next = firstInvoice; ids.size() < plans; next++) {
      WorldInvoice invoice = world.draw(next);
      if (invoice.originalCharge().isHardDecline()) {
        // Stopped at registration: it has no retry to run.
        continue;
      }
      Duration realOffset =
          rate > 0 ? Duration.ofNanos((long) (ids.size() * 1e9 / rate)) : Duration.ZERO;
      Instant due = firstDue.plus(clockTime(realOffset));
      byte[] body = body(invoice, failedAt, Duration.between(failedAt, due));
      URI service = services.get(ids.size() % services.size());
      ids.add(DEMO_ID + invoice.index());
      inFlight.acquire();
      http.sendAsync(register(service, body), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                statuses.merge(response == null ? -1 : response.statusCode(), 1L, Long::sum);
                inFlight.release();
              });
    }
    inFlight.acquire(16);
    Instant registeredAt = serviceClock();
    System.out.printf(
        "registered %,d in %.1f s; statuses %s; %s%n",
        plans,
        (System.nanoTime() - started) / 1e9,
        statuses,
        registeredAt.isBefore(firstDue)
            ? "done before the first was due"
            : "NOT done before the first was due: the run is not valid");

    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      awaitExecuted(connection, ids.toArray());
      // The first seconds of the flow warm the instances' execution path up; they are not
      // measured, as a load test measures after its warm-up.
      int warm = rate > 0 ? (int) Math.min(ids.size() - 1, rate * flowWarmup.toSeconds()) : 0;
      if (warm > 0) {
        System.out.printf(
            "measuring the %,d retries after the first %s%n", ids.size() - warm, flowWarmup);
      }
      measure(connection, ids.subList(warm, ids.size()).toArray());
    }
  }

  private void awaitExecuted(Connection connection, Object[] ids)
      throws SQLException, InterruptedException {
    long executed = 0;
    while (executed < ids.length) {
      Thread.sleep(2_000);
      executed = executedCount(connection, ids);
      System.out.printf("  %,d of %,d retries executed%n", executed, ids.length);
    }
  }

  private static long executedCount(Connection connection, Object[] ids) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            "select count(*) from attempts where attempt_number = 2 and outcome is not null"
                + " and invoice_id = any (?)")) {
      count.setArray(1, connection.createArrayOf("text", ids));
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Lateness in real time, and the rate retries started at, from the stored attempts. */
  private void measure(Connection connection, Object[] ids) throws SQLException {
    Histogram lateness = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    List<Double> started = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select extract(epoch from attempted_at - scheduled_for),"
                + " extract(epoch from attempted_at) from attempts"
                + " where attempt_number = 2 and invoice_id = any (?)")) {
      select.setArray(1, connection.createArrayOf("text", ids));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          double lateSeconds = rows.getDouble(1) / speed;
          lateness.recordValue(Math.max(0, Math.round(lateSeconds * 1e6)));
          started.add(rows.getDouble(2) / speed);
        }
      }
    }
    started.sort(null);
    double span = started.get(started.size() - 1) - started.get(0);
    Map<Long, Integer> perSecond = new HashMap<>();
    started.forEach(at -> perSecond.merge((long) Math.floor(at), 1, Integer::sum));
    List<Integer> rates = new ArrayList<>(perSecond.values());
    rates.sort(null);
    System.out.printf(
        "executed %,d retries in %.1f s of real time: %.0f/s overall; per real second: median %d,"
            + " max %d%n",
        started.size(),
        span,
        started.size() / Math.max(span, 1e-9),
        rates.get(rates.size() / 2),
        rates.get(rates.size() - 1));
    System.out.printf(
        "lateness ms (start minus due, real time): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f"
            + "  max %.1f%n",
        lateness.getValueAtPercentile(50) / 1e3,
        lateness.getValueAtPercentile(90) / 1e3,
        lateness.getValueAtPercentile(99) / 1e3,
        lateness.getValueAtPercentile(99.9) / 1e3,
        lateness.getMaxValue() / 1e3);
  }

  /**
   * The registration of {@code invoice}: what a billing system knows of it, failed at {@code
   * failedAt}, with a fixed policy whose one retry comes {@code retryAfter} later.
   */
  private static byte[] body(WorldInvoice invoice, Instant failedAt, Duration retryAfter)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("invoice_id", DEMO_ID + invoice.index());
    body.put("customer_id", invoice.customerId());
    body.put("amount_minor", invoice.amountMinor());
    body.put("currency", invoice.currency());
    body.put("billing_interval", invoice.billingInterval().wireName());
    body.put("timezone", invoice.timezone().getId());
    ObjectNode card = body.putObject("card");
    card.put("brand", invoice.card().brand().wireName());
    card.put("funding", invoice.card().funding().wireName());
    card.put("country", invoice.card().country());
    ObjectNode attempt = body.putArray("attempts").addObject();
    attempt.put("attempted_at", failedAt.toString());
    attempt.put("decline_code", invoice.originalCharge().declineCode().wireName());
    ObjectNode policy = body.putObject("policy");
    policy.put("mode", "fixed");
    policy.put("max_duration", "P60D");
    policy.put("min_interval", "PT1M");
    policy.putArray("schedule").add("PT" + retryAfter.toSeconds() + "S");
    return JSON.writeValueAsBytes(body);
  }

  private HttpRequest register(URI service, byte[] body) {
    return HttpRequest.newBuilder(service.resolve("/v1/payment-failures"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** The services' clock, from the scheduler's entry in {@code /health}. */
  private Instant serviceClock() throws IOException, InterruptedException {
    String health =
        http.send(
                HttpRequest.newBuilder(services.get(0).resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher clock = CLOCK.matcher(health);
    if (!clock.find()) {
      throw new IllegalStateException("/health does not show the scheduler's clock: " + health);
    }
    return Instant.parse(clock.group(1));
  }

  private Duration clockTime(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }
}
