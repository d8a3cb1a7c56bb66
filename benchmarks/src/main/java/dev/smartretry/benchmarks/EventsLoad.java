package dev.smartretry.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The events benchmark (docs/benchmarks.md, "Events"), in two phases around a restart of the
 * service, so that what is measured is the dispatchers draining a backlog, not the registrations
 * that make it:
 *
 * <ol>
 *   <li>{@code fill}: against an instance with {@code SMART_RETRY_SCHEDULER=off} (it sends
 *       nothing), adds webhook endpoints for every event type ({@code --endpoints fast,fast,slow}:
 *       the receiver's paths) and registers {@code --plans} payment failures, two events each
 *       (under a fixed policy with its one retry 14 days later, so that filling is quick and no
 *       retry comes due while the backlog is replayed; the events are alike whichever policy).
 *   <li>{@code measure}: runs the receiver on {@code --port} while instances with the scheduler on
 *       drain the backlog: {@code /fast...} answers 204 at once, {@code /slow} never answers (the
 *       service gives up after its 15 s timeout). Prints the events the fast endpoints received per
 *       second, and their rate from the first to the last, once {@code --expect} distinct events
 *       reached them.
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.EventsLoad fill \
 *     --service http://localhost:8081 --billing-key B --admin-key A --port 9191 \
 *     --endpoints fast1,fast2,slow --plans 20000
 * java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.EventsLoad measure \
 *     --port 9191 --expect 80000
 * </pre>
 */
public final class EventsLoad {
  private static final int IN_FLIGHT = 16;
  private static final int MOST_SECONDS = 3_600;

  private EventsLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("EventsLoad fill|measure --option value ...");
    }
    Map<String, String> options = LoadOptions.parse(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "fill" -> fill(options);
      case "measure" -> measure(options);
      default -> throw new IllegalArgumentException("fill or measure, not " + args[0]);
    }
    // The HTTP client's and the receiver's threads would keep the JVM alive.
    System.exit(0);
  }

  private static void fill(Map<String, String> options) throws Exception {
    URI service = URI.create(options.get("--service"));
    String adminKey = options.get("--admin-key");
    String billingKey = options.get("--billing-key");
    int port = Integer.parseInt(options.get("--port"));
    int plans = Integer.parseInt(options.get("--plans"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();
    for (String path : options.get("--endpoints").split(",")) {
      String body =
          "{\"url\": \"http://127.0.0.1:" + port + "/" + path + "\", \"events\": [\"*\"]}";
      HttpResponse<String> reply =
          http.send(
              post(service.resolve("/v1/webhook-endpoints"), adminKey, body),
              HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 201) {
        throw new IllegalStateException("endpoint " + path + ": " + reply.body());
      }
    }
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(plans);
    Instant failedAt = Instant.now().minusSeconds(60);
    long started = System.nanoTime();
    for (int index = 0; index < plans; index++) {
      String body =
          """
          {"invoice_id": "in_events_%d", "customer_id": "cus_%d", "amount_minor": 4900,
           "currency": "EUR", "billing_interval": "month", "timezone": "Europe/Paris",
           "card": {"brand": "visa", "funding": "debit", "country": "FR"},
           "attempts": [{"attempted_at": "%s", "decline_code": "insufficient_funds"}],
           "policy": {"mode": "fixed", "schedule": ["P14D"], "max_duration": "P14D"}}
          """
              .formatted(index, index, failedAt);
      inFlight.acquire();
      http.sendAsync(
              post(service.resolve("/v1/payment-failures"), billingKey, body),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (reply, failure) -> {
                if (failure != null || reply.statusCode() != 201) {
                  refused.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
              });
    }
    done.await();
    System.out.printf(
        "registered %,d payment failures in %.1f s (%,d refused or failed)%n",
        plans - refused.get(), (System.nanoTime() - started) / 1e9, refused.get());
  }

  private static void measure(Map<String, String> options) throws Exception {
    int port = Integer.parseInt(options.get("--port"));
    long expect = Long.parseLong(options.get("--expect"));
    Set<String> fast = ConcurrentHashMap.newKeySet();
    AtomicLongArray perSecond = new AtomicLongArray(MOST_SECONDS);
    AtomicInteger slowCalls = new AtomicInteger();
    long[] first = {0};
    long[] last = {0};
    CountDownLatch all = new CountDownLatch(1);
    long origin = System.nanoTime();
    // As in the demo gateway: without it, answers on keep-alive connections can wait for the
    // client's delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    // The slow endpoint holds its calls until the service gives up on them: a thread each.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            drain(exchange);
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/slow")) {
              slowCalls.incrementAndGet();
              sleep(Duration.ofSeconds(20));
              return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            // The pair, since each fast endpoint gets every event once.
            if (fast.add(path + " " + id)) {
              long now = System.nanoTime();
              synchronized (first) {
                if (first[0] == 0) {
                  first[0] = now;
                }
                last[0] = now;
              }
              int second = (int) TimeUnit.NANOSECONDS.toSeconds(now - origin);
              perSecond.incrementAndGet(Math.min(second, MOST_SECONDS - 1));
              if (fast.size() >= expect) {
                all.countDown();
              }
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
    System.out.printf(
        "receiving on 127.0.0.1:%d until %,d events reached the fast endpoints%n", port, expect);
    all.await();
    server.stop(0);
    double seconds;
    synchronized (first) {
      seconds = (last[0] - first[0]) / 1e9;
    }
    List<Long> counts = new ArrayList<>();
    for (int second = 0; second < MOST_SECONDS; second++) {
      if (perSecond.get(second) > 0) {
        counts.add(perSecond.get(second));
      }
    }
    // The first and last seconds are partial.
    List<Long> whole = counts.size() > 2 ? counts.subList(1, counts.size() - 1) : counts;
    List<Long> sorted = new ArrayList<>(whole);
    sorted.sort(null);
    System.out.printf(
        "fast endpoints: %,d events in %.1f s: %,.0f events/s; per whole second: median %,d,"
            + " min %,d, max %,d; slow endpoint: %,d calls held%n",
        fast.size(),
        seconds,
        fast.size() / seconds,
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        slowCalls.get());
    // Fresh instances compile their delivery path in the first seconds; a running deployment has.
    int warmUp = 15;
    if (counts.size() > warmUp + 2) {
      List<Long> steady = counts.subList(warmUp, counts.size() - 1);
      long events = steady.stream().mapToLong(Long::longValue).sum();
      List<Long> steadySorted = new ArrayList<>(steady);
      steadySorted.sort(null);
      System.out.printf(
          "after %d s of warm-up: %,.0f events/s over %d whole seconds (median %,d, p10 %,d)%n",
          warmUp,
          (double) events / steady.size(),
          steady.size(),
          steadySorted.get(steadySorted.size() / 2),
          steadySorted.get(steadySorted.size() / 10));
    }
    System.out.println("per second: " + counts);
  }

  private static void drain(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpRequest post(URI uri, String key, String body) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
