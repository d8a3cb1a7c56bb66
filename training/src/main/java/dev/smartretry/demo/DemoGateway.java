package dev.smartretry.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.smartretry.SmartRetryException;
import dev.smartretry.webhooks.WebhookSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The demo billing system over HTTP (the JDK's server): {@code POST /charge} ({@link
 * ChargeEndpoint}), {@code POST /events} ({@link EventReceiver}), {@code GET /stats} ({@link
 * GatewayStats}) and {@code GET /health}. Serves from {@link #start} until {@link #close}.
 */
public final class DemoGateway implements AutoCloseable {
  /**
   * Handler threads. A charge is a few microseconds of work under a per-invoice lock, so a few
   * threads per core keep the cores busy while some threads wait on slow clients.
   */
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private static final int BACKLOG = 256;

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK (some 40 ms) on every keep-alive call. It
    // reads this once, when the first server of the JVM starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final DemoBillingSystem system;
  private final ChargeTally tally;
  private final EventReceiver events;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private DemoGateway(
      HttpServer server,
      ExecutorService executor,
      DemoBillingSystem system,
      ChargeTally tally,
      EventReceiver events) {
    this.server = server;
    this.executor = executor;
    this.system = system;
    this.tally = tally;
    this.events = events;
  }

  /**
   * Listens on {@code address} (port 0: any free port) and serves.
   *
   * @param secret when present, every charge call must carry a valid Standard Webhooks signature
   * @param clock the clock signature timestamps are checked against
   * @throws SmartRetryException when the address cannot be bound (the port is in use, say)
   */
  public static DemoGateway start(
      InetSocketAddress address,
      DemoBillingSystem system,
      Optional<WebhookSecret> secret,
      Clock clock,
      GatewayLog log) {
    HttpServer server;
    try {
      server = HttpServer.create(address, BACKLOG);
    } catch (IOException e) {
      throw new SmartRetryException(
          "cannot listen on "
              + address.getHostString()
              + " port "
              + address.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
    ChargeTally tally = new ChargeTally();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, new HandlerThreads());
    EventReceiver events = new EventReceiver(clock, log);
    DemoGateway gateway = new DemoGateway(server, executor, system, tally, events);
    server.createContext(
        "/charge", exactly("/charge", new ChargeEndpoint(system, secret, clock, tally, log)));
    server.createContext("/events", exactly("/events", events));
    server.createContext("/stats", exactly("/stats", get(gateway::stats)));
    server.createContext("/health", exactly("/health", get(() -> Map.of("status", "UP"))));
    server.createContext("/", DemoGateway::notFound);
    server.setExecutor(executor);
    server.start();
    return gateway;
  }

  /** The address bound: with port 0, the port the system chose. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Where the service should send its charge calls ({@code SMART_RETRY_GATEWAY_URL}). */
  public URI chargeUrl() {
    String host = address().getHostString();
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort();
    return URI.create("http://" + authority + "/charge");
  }

  /** Where the service should send its events (a webhook endpoint's URL). */
  public URI eventsUrl() {
    return chargeUrl().resolve("/events");
  }

  /** Checks the signatures of events from now on with {@code secret}, the endpoint's. */
  public void receiveEventsWith(WebhookSecret secret) {
    events.verifyWith(secret);
  }

  public GatewayStats stats() {
    return tally.stats(system.audit(), events);
  }

  /** Waits until the gateway is closed. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops serving at once. Closing again does nothing. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdown();
    closed.countDown();
  }

  /** The server matches contexts by prefix; anything below a path is not that endpoint. */
  private static HttpHandler exactly(String path, HttpHandler handler) {
    return exchange -> {
      if (exchange.getRequestURI().getPath().equals(path)) {
        handler.handle(exchange);
      } else {
        notFound(exchange);
      }
    };
  }

  private static HttpHandler get(Supplier<Object> body) {
    return exchange -> {
      try (exchange) {
        if ("GET".equals(exchange.getRequestMethod())) {
          JsonReply.send(exchange, 200, body.get());
        } else {
          exchange.getResponseHeaders().set("Allow", "GET");
          JsonReply.error(exchange, 405, "method: use GET, not " + exchange.getRequestMethod());
        }
      }
    };
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonReply.error(
          exchange,
          404,
          "no endpoint at "
              + exchange.getRequestURI().getPath()
              + "; this demo billing system serves POST /charge, POST /events, GET /stats and GET /health");
    }
  }

  /** Daemon threads, named, so a thread dump shows whose they are. */
  private static final class HandlerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "demo-gateway-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
