package dev.smartretry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smartretry.webhooks.WebhookSecret;
import dev.smartretry.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /events}: the service's events, as a billing system receives them. Checks each
 * signature with the endpoint's secret (Standard Webhooks), dedupes by {@code webhook-id} as the
 * spec asks receivers to, prints a line per event and answers 204; an event that is not signed with
 * the secret gets 401, so the service tries it again.
 */
final class EventReceiver implements HttpHandler {
  /** Far beyond any event (a plan and its attempts). */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final AtomicReference<WebhookSecret> secret = new AtomicReference<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final LongAdder received = new LongAdder();
  private final LongAdder repeated = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final Clock clock;
  private final GatewayLog log;

  EventReceiver(Clock clock, GatewayLog log) {
    this.clock = clock;
    this.log = log;
  }

  /** The secret the service showed when this receiver's endpoint was added. */
  void verifyWith(WebhookSecret secret) {
    this.secret.set(secret);
  }

  long received() {
    return received.sum();
  }

  long repeated() {
    return repeated.sum();
  }

  long refused() {
    return refused.sum();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        JsonReply.error(exchange, 405, "method: events come with POST");
        return;
      }
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (bytes.length > MAX_BODY_BYTES) {
        refused.increment();
        JsonReply.error(exchange, 413, "body: over " + MAX_BODY_BYTES + " bytes");
        return;
      }
      String body = new String(bytes, StandardCharsets.UTF_8);
      Headers headers = exchange.getRequestHeaders();
      String id = headers.getFirst(WebhookSignature.ID_HEADER);
      WebhookSecret key = secret.get();
      if (key == null
          || !WebhookSignature.verify(
              key,
              id,
              headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
              headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
              body,
              clock.instant())) {
        refused.increment();
        log.unverifiedEvent(id);
        JsonReply.error(exchange, 401, "webhook-signature: not signed with this endpoint's secret");
        return;
      }
      if (!seen.add(id)) {
        repeated.increment();
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      received.increment();
      log.event(id, summary(body));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  /** What a person wants to see of an event: its type, sequence, invoice and plan status. */
  private static Map<String, String> summary(String body) throws IOException {
    JsonNode event = DemoJson.MAPPER.readTree(body);
    JsonNode data = event.path("data");
    JsonNode plan = data.path("plan");
    return Map.of(
        "type", event.path("type").asText("?"),
        "sequence", data.path("sequence").asText("?"),
        "invoice", plan.path("invoice_id").asText("?"),
        "status", plan.path("status").asText("?"),
        "final_action", data.path("final_action").asText(""));
  }
}
