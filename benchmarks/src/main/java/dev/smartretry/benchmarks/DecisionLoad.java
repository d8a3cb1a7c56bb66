package dev.smartretry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A constant-rate load generator for {@code POST /v1/retry-decisions}: requests are sent on a fixed
 * schedule whatever the answers, and each latency is measured from the moment its request was due,
 * so a slow server cannot hide its queueing (no coordinated omission). Every 30 seconds it prints
 * the rate achieved, the errors and the server's heap after its last collection, read from {@code
 * /prometheus}.
 *
 * <p>Requests go out on {@code --connections} keep-alive connections (default 32), each carrying
 * one request at a time: a request due while every connection is busy waits for one, and that wait
 * counts in its latency.
 *
 * <p>Run it from the repository root: it sends {@code benchmarks/load/decision-request.json}, the
 * body wrk sends too, unless {@code --body FILE} names another.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.DecisionLoad \
 *     --url http://localhost:8080 --key demo-billing-key --rate 1000 --duration PT10M
 * </pre>
 */
public final class DecisionLoad {
  private static final Pattern HEAP_AFTER_GC =
      Pattern.compile("jvm_gc_live_data_size_bytes\\S*\\s+([0-9.E+]+)");

  private DecisionLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadOptions.parse(args);
    URI base = URI.create(options.getOrDefault("--url", "http://localhost:8080"));
    String key = options.getOrDefault("--key", "demo-billing-key");
    double rate = Double.parseDouble(options.getOrDefault("--rate", "1000"));
    Duration duration = Duration.parse(options.getOrDefault("--duration", "PT60S"));
    Duration warmup = Duration.parse(options.getOrDefault("--warmup", "PT15S"));
    // The same request wrk sends (benchmarks/load/decision.lua): the spec's example.
    String body =
        Files.readString(
            Path.of(options.getOrDefault("--body", "benchmarks/load/decision-request.json")));
    int connections = Integer.parseInt(options.getOrDefault("--connections", "32"));
    byte[] request =
        KeepAliveConnection.post(
            base,
            "/v1/retry-decisions",
            "Content-Type: application/json\r\nAuthorization: Bearer " + key + "\r\n",
            body.getBytes(StandardCharsets.UTF_8));
    Sender sender = new Sender(base, request, connections);
    // Only for reading the server's heap every 30 seconds.
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    System.out.printf("warm-up: %s at %.0f/s%n", warmup, rate);
    run(sender, client, rate, warmup, null, base);
    System.out.printf("measured: %s at %.0f/s%n", duration, rate);
    Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    Result result = run(sender, client, rate, duration, total, base);
    System.out.printf(
        "sent %,d, answered 200 %,d, errors %,d (%s); achieved %.1f/s%n",
        result.sent, result.ok, result.sent - result.ok, result.statuses, result.achievedRate);
    System.out.printf(
        "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        total.getValueAtPercentile(50) / 1e6,
        total.getValueAtPercentile(90) / 1e6,
        total.getValueAtPercentile(99) / 1e6,
        total.getValueAtPercentile(99.9) / 1e6,
        total.getMaxValue() / 1e6);
    System.exit(0);
  }

  private record Result(long sent, long ok, Map<Integer, Long> statuses, double achievedRate) {}

  private static Result run(
      Sender sender, HttpClient client, double rate, Duration duration, Histogram total, URI base)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong done = new AtomicLong();
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    sender.onAnswer(
        (dueAt, status) -> {
          recorder.recordValue(Math.min(System.nanoTime() - dueAt, 60_000_000_000L));
          statuses.merge(status, 1L, Long::sum);
          if (status == 200) {
            ok.incrementAndGet();
          }
          done.incrementAndGet();
        });
    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long nextReport = start + TimeUnit.SECONDS.toNanos(30);
    long sent = 0;
    for (long due = start; due < end; due += intervalNanos) {
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      sender.due(due);
      sent++;
      if (total != null && now >= nextReport) {
        report(recorder, total, start, done.get(), statuses, base, client);
        nextReport += TimeUnit.SECONDS.toNanos(30);
      }
    }
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (done.get() < sent && System.nanoTime() < waitUntil) {
      Thread.sleep(10);
    }
    if (total != null) {
      total.add(recorder.getIntervalHistogram());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(sent, ok.get(), Map.copyOf(statuses), done.get() / seconds);
  }

  private static void report(
      Recorder recorder,
      Histogram total,
      long start,
      long done,
      Map<Integer, Long> statuses,
      URI base,
      HttpClient client) {
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    System.out.printf(
        "%6.0f s: answered %,d, statuses %s, interval p99 %.2f ms, server live heap %s%n",
        (System.nanoTime() - start) / 1e9,
        done,
        statuses,
        interval.getValueAtPercentile(99) / 1e6,
        liveHeap(client, base));
  }

  /** The server's live heap after its last collection, from its Prometheus metrics. */
  private static String liveHeap(HttpClient client, URI base) {
    try {
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(base.resolve("/prometheus")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher matcher = HEAP_AFTER_GC.matcher(metrics);
      return matcher.find()
          ? String.format("%.1f MB", Double.parseDouble(matcher.group(1)) / 1e6)
          : "unknown";
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
  }
}
