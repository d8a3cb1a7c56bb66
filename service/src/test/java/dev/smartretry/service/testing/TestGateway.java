package dev.smartretry.service.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A billing system's charge endpoint inside the test, over real HTTP. Like a payment provider, it
 * charges once per idempotency key: a key that was answered with an outcome gets that outcome
 * again, whatever {@link #answer} now says. What it answers a new key is the test's to choose,
 * faults included (a 500, garbage, a hang, a closed connection).
 */
public final class TestGateway implements AutoCloseable {
  /** One call as it arrived. */
  public record Call(String key, String body, Headers headers, int number) {
    /** A top-level field of the JSON body, as text (a crude read, independent of the service). */
    public String field(String name) {
      Matcher matcher =
          Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.]+)").matcher(body);
      if (!matcher.find()) {
        return null;
      }
      return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
    }

    public String invoiceId() {
      return field("invoice_id");
    }

    public int retryNumber() {
      return Integer.parseInt(field("retry_number"));
    }
  }

  /** What to answer a call. */
  public sealed interface Reply {
    /** A 200 with an outcome, which the key keeps. */
    record Outcome(String json) implements Reply {}

    /** Any status and body; not an outcome unless it is a 2xx outcome. */
    record Status(int status, String body) implements Reply {}

    /** No answer until {@code release} is counted down; then the reply given. */
    record Hang(CountDownLatch release, Reply then) implements Reply {}

    /** The connection closed without an answer. */
    record Close() implements Reply {}

    static Reply succeeded() {
      return new Outcome("{\"outcome\": \"succeeded\"}");
    }

    static Reply failed(String declineCode) {
      return new Outcome(
          "{\"outcome\": \"failed\", \"decline_code\": \""
              + declineCode
              + "\", \"devices_24h\": 1}");
    }
  }

  public static Reply succeeded() {
    return Reply.succeeded();
  }

  public static Reply failed(String declineCode) {
    return Reply.failed(declineCode);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final LinkedBlockingQueue<Call> arrivals = new LinkedBlockingQueue<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Reply.Outcome> charged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> callsPerKey = new ConcurrentHashMap<>();
  private volatile Function<Call, Reply> answer = call -> failed("insufficient_funds");

  public TestGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/charge", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/charge";
  }

  /** How to answer calls with a key not charged before. */
  public void answer(Function<Call, Reply> answer) {
    this.answer = answer;
  }

  /** Waits for the next call. */
  public Call awaitCall() {
    try {
      Call call = arrivals.poll(PlanChangesSeen.PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
      if (call == null) {
        throw new AssertionError("No call reached the gateway within " + PlanChangesSeen.PATIENCE);
      }
      return call;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the next {@code count} calls. */
  public List<Call> awaitCalls(int count) {
    List<Call> calls = new ArrayList<>();
    while (calls.size() < count) {
      calls.add(awaitCall());
    }
    return calls;
  }

  /** Forgets the calls not awaited yet: the next {@link #awaitCall} waits for a new one. */
  public void forgetArrivals() {
    arrivals.clear();
  }

  /** The calls so far, in the order they arrived. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many calls came with {@code key}. */
  public int callsWith(String key) {
    AtomicInteger count = callsPerKey.get(key);
    return count == null ? 0 : count.get();
  }

  /** The keys charged: answered with an outcome. */
  public Map<String, Reply.Outcome> charged() {
    return Map.copyOf(charged);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      Call call;
      synchronized (this) {
        call = new Call(key, body, exchange.getRequestHeaders(), calls.size() + 1);
        calls.add(call);
      }
      callsPerKey.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
      Reply reply = key != null && charged.containsKey(key) ? charged.get(key) : answer.apply(call);
      // Arrival is announced before the answer, so a test can act while a call hangs.
      arrivals.add(call);
      send(exchange, key, reply);
    }
  }

  private void send(HttpExchange exchange, String key, Reply reply) throws IOException {
    if (reply instanceof Reply.Hang hang) {
      try {
        hang.release().await(PlanChangesSeen.PATIENCE.toMillis() * 4, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      send(exchange, key, hang.then());
    } else if (reply instanceof Reply.Outcome outcome) {
      if (key != null) {
        Reply.Outcome first = charged.putIfAbsent(key, outcome);
        outcome = first == null ? outcome : first;
      }
      write(exchange, 200, outcome.json());
    } else if (reply instanceof Reply.Status status) {
      write(exchange, status.status(), status.body());
    }
    // Close: the exchange closes without an answer.
  }

  private static void write(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
