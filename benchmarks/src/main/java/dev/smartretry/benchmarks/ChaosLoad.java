package dev.smartretry.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The request side of the chaos suite ({@code scripts/chaos}), which breaks things around it: a
 * constant rate of decisions spread over every instance for the whole run, whatever happens to the
 * instances and the database, each latency measured from its due time; then a burst of malformed
 * requests against every endpoint. It prints what each phase got, by status: a 5xx is an error, and
 * so is a failed exchange (status -1, e.g. the instance it was sent to was killed).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.ChaosLoad \
 *     --services http://localhost:8081,http://localhost:8082 --key chaos-billing-key \
 *     --admin-key chaos-admin-key --viewer-key chaos-viewer-key --rate 1000 --duration PT10M \
 *     --malformed 10000 --warmup PT2M
 * </pre>
 */
public final class ChaosLoad {
  // Every /v1 route (RouteRolesTest's table), each with what a client could get wrong in it: a
  // body, a query, a path parameter. Method, path, role.
  private static final List<String[]> ENDPOINTS =
      List.of(
          new String[] {"POST", "/v1/retry-decisions", "billing"},
          new String[] {"POST", "/v1/retry-decisions?explain=perhaps", "billing"},
          new String[] {"POST", "/v1/payment-failures", "billing"},
          new String[] {"GET", "/v1/payment-failures?status=maybe&limit=-1", "billing"},
          new String[] {"GET", "/v1/payment-failures/%00%FF..%2F", "billing"},
          new String[] {"POST", "/v1/payment-failures/in_none/resolve", "billing"},
          new String[] {"POST", "/v1/attempts", "billing"},
          new String[] {"GET", "/v1/policies?limit=lots", "admin"},
          new String[] {"GET", "/v1/policies/" + "x".repeat(300), "admin"},
          new String[] {"PUT", "/v1/policies/chaos", "admin"},
          new String[] {"DELETE", "/v1/policies/%2E%2E", "admin"},
          new String[] {"GET", "/v1/policy-rules?x=%25ZZ", "admin"},
          new String[] {"PUT", "/v1/policy-rules", "admin"},
          new String[] {"GET", "/v1/models?window=forever", "admin"},
          new String[] {"POST", "/v1/models", "admin"},
          new String[] {"POST", "/v1/models/nope/activate", "admin"},
          new String[] {"POST", "/v1/webhook-endpoints", "admin"},
          new String[] {"GET", "/v1/webhook-endpoints?limit=-5", "admin"},
          new String[] {"GET", "/v1/webhook-endpoints/we_%00", "admin"},
          new String[] {"DELETE", "/v1/webhook-endpoints/not-an-id", "admin"},
          new String[] {"POST", "/v1/webhook-endpoints/we_nope/rotate-secret", "admin"},
          new String[] {"GET", "/v1/webhook-deliveries?status=lost", "admin"},
          new String[] {"GET", "/v1/webhook-deliveries/minus-one", "admin"},
          new String[] {"POST", "/v1/webhook-deliveries/99999999999999999999/retry", "admin"},
          new String[] {"GET", "/v1/metrics/recovery?from=yesterday&group_by=nothing", "viewer"},
          new String[] {"GET", "/v1/metrics/uplift?to=never", "viewer"},
          new String[] {"GET", "/v1/metrics/time-to-recovery?from=2026-13-45", "viewer"},
          new String[] {"GET", "/v1/metrics/calibration?to=1999-01-01T00:00:00Z", "viewer"});

  private ChaosLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadOptions.parse(args);
    List<URI> services =
        List.of(options.getOrDefault("--services", "http://localhost:8081").split(",")).stream()
            .map(URI::create)
            .toList();
    String key = options.getOrDefault("--key", "chaos-billing-key");
    Map<String, String> keys =
        Map.of(
            "billing",
            key,
            "admin",
            options.getOrDefault("--admin-key", "chaos-admin-key"),
            "viewer",
            options.getOrDefault("--viewer-key", "chaos-viewer-key"));
    double rate = Double.parseDouble(options.getOrDefault("--rate", "1000"));
    Duration duration = Duration.parse(options.getOrDefault("--duration", "PT10M"));
    int malformed = Integer.parseInt(options.getOrDefault("--malformed", "10000"));
    byte[] body =
        Files.readAllBytes(
            Path.of(options.getOrDefault("--body", "benchmarks/load/decision-request.json")));

    List<Sender> senders = new ArrayList<>();
    for (URI service : services) {
      byte[] request =
          KeepAliveConnection.post(
              service,
              "/v1/retry-decisions",
              "Content-Type: application/json\r\nAuthorization: Bearer " + key + "\r\n",
              body);
      senders.add(new Sender(service, request, 16));
    }
    Recorder latencies = new Recorder(3);
    Histogram total = new Histogram(3);
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicLong answered = new AtomicLong();
    for (Sender sender : senders) {
      sender.onAnswer(
          (due, status) -> {
            latencies.recordValue(Math.min(System.nanoTime() - due, 60_000_000_000L));
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            answered.incrementAndGet();
          });
    }
    long interval = (long) (1e9 / rate);
    Duration warmup = Duration.parse(options.getOrDefault("--warmup", "PT0S"));
    if (!warmup.isZero()) {
      // The JIT compiles the planner for minutes after a start: a run measured from a cold start
      // measures the compiler. Sent at the rate, answered, not counted.
      System.out.printf("warm-up: %.0f/s for %s%n", rate, warmup);
      long warmEnd = System.nanoTime() + warmup.toNanos();
      long warmSent = 0;
      for (long due = System.nanoTime(); due < warmEnd; due += interval) {
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        senders.get((int) (warmSent++ % senders.size())).due(due);
      }
      long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (answered.get() < warmSent && System.nanoTime() < drainUntil) {
        Thread.sleep(10);
      }
      latencies.reset();
      statuses.clear();
      answered.set(0);
    }
    // scripts/chaos starts its timeline when it reads this line.
    System.out.printf(
        "decisions: %.0f/s over %d instances for %s%n", rate, services.size(), duration);
    System.out.flush();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    long nextReport = start + TimeUnit.SECONDS.toNanos(30);
    for (long due = start; due < end; due += interval) {
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      senders.get((int) (sent % senders.size())).due(due);
      sent++;
      if (now >= nextReport) {
        // Each interval's own p99 too: a warm-up or an outage shows where it happened.
        var interval30 = latencies.getIntervalHistogram();
        total.add(interval30);
        System.out.printf(
            "  %4d s: sent %,d, answered %,d, %s; these 30 s: p50 %.1f ms, p99 %.1f ms%n",
            (now - start) / 1_000_000_000L,
            sent,
            answered.get(),
            byStatus(statuses),
            interval30.getValueAtPercentile(50) / 1e6,
            interval30.getValueAtPercentile(99) / 1e6);
        nextReport += TimeUnit.SECONDS.toNanos(30);
      }
    }
    // Requests queued behind a killed connection time out within KeepAliveConnection's limit.
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (answered.get() < sent && System.nanoTime() < waitUntil) {
      Thread.sleep(10);
    }
    total.add(latencies.getIntervalHistogram());
    long errors = errors(statuses);
    System.out.printf(
        "decisions: sent %,d, answered %,d, by status %s; errors (5xx or no answer) %,d;"
            + " latency ms p50 %.1f, p99 %.1f, max %.1f%n",
        sent,
        answered.get(),
        byStatus(statuses),
        errors + (sent - answered.get()),
        total.getValueAtPercentile(50) / 1e6,
        total.getValueAtPercentile(99) / 1e6,
        total.getMaxValue() / 1e6);

    malformed(services, keys, malformed);
    System.exit(0);
  }

  /** Sends {@code count} malformed requests, round robin over the endpoints and instances. */
  private static void malformed(List<URI> services, Map<String, String> keys, int count)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Random random = new Random(20261130L);
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    for (int index = 0; index < count; index++) {
      String[] endpoint = ENDPOINTS.get(index % ENDPOINTS.size());
      URI service = services.get(index % services.size());
      String credential = keys.get(endpoint[2]);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(service.resolve(endpoint[1]))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + (index % 7 == 0 ? "wrong" : credential))
              .header("Content-Type", index % 5 == 0 ? "text/plain" : "application/json");
      byte[] garbage = garbage(random);
      request.method(
          endpoint[0],
          endpoint[0].equals("GET")
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(garbage));
      int status;
      try {
        status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.io.IOException e) {
        status = -1;
      }
      statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }
    long errors = errors(statuses);
    System.out.printf(
        "malformed: sent %,d to %d endpoints, by status %s; errors (5xx or no answer) %,d%n",
        count, ENDPOINTS.size(), byStatus(statuses), errors);
  }

  /** Broken JSON of many kinds: truncated, wrong types, huge, deep, binary, not UTF-8. */
  private static byte[] garbage(Random random) {
    String valid =
        "{\"invoice_id\": \"in_x\", \"customer_id\": \"cus_x\", \"amount_minor\": 4900,"
            + " \"currency\": \"EUR\", \"billing_interval\": \"month\", \"timezone\":"
            + " \"Europe/Paris\", \"card\": {\"brand\": \"visa\", \"funding\": \"debit\","
            + " \"country\": \"FR\"}, \"attempts\": [{\"attempted_at\": \"2026-03-01T14:05:00Z\","
            + " \"decline_code\": \"insufficient_funds\"}]}";
    return switch (random.nextInt(9)) {
      case 0 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
      case 1 -> valid.replace("4900", "\"lots\"").getBytes(StandardCharsets.UTF_8);
      case 2 ->
          valid
              .replace("2026-03-01T14:05:00Z", "+10000-01-01T00:00:00Z")
              .getBytes(StandardCharsets.UTF_8);
      case 3 -> ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
      case 4 -> {
        byte[] bytes = new byte[random.nextInt(2048) + 1];
        random.nextBytes(bytes);
        yield bytes;
      }
      case 5 -> valid.replace("in_x", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
      case 6 -> ("{\"amount_minor\": " + "9".repeat(2000) + "}").getBytes(StandardCharsets.UTF_8);
      case 7 ->
          valid
              .replace("\"month\"", "null")
              .replace("\"EUR\"", "[]")
              .getBytes(StandardCharsets.UTF_8);
      default -> new byte[0];
    };
  }

  /** Answers that count as errors: any 5xx, and no answer at all (status -1). */
  private static long errors(Map<Integer, AtomicLong> statuses) {
    return statuses.entrySet().stream()
        .filter(entry -> entry.getKey() < 0 || entry.getKey() >= 500)
        .mapToLong(entry -> entry.getValue().get())
        .sum();
  }

  private static String byStatus(Map<Integer, AtomicLong> statuses) {
    Map<Integer, Long> sorted = new TreeMap<>();
    statuses.forEach((status, count) -> sorted.put(status, count.get()));
    return sorted.toString();
  }
}
