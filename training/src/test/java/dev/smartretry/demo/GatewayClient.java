package dev.smartretry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Attempt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/**
 * A test's side of the wire: charge calls written as the contract spells them, with a JSON library
 * of its own, so that the gateway's records are checked against the text rather than against
 * themselves.
 */
final class GatewayClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;

  record Reply(int status, JsonNode json, HttpHeaders headers) {
    String error() {
      return json.path("error").asText();
    }
  }

  GatewayClient(DemoGateway gateway) {
    this.base = gateway.chargeUrl().resolve("/");
  }

  /** The body the service would send for retry {@code retry} of {@code invoice} at {@code at}. */
  static ObjectNode body(WorldInvoice invoice, int retry, Instant at) {
    ObjectNode body = JSON.createObjectNode();
    body.put("invoice_id", "in_demo_" + invoice.index());
    body.put("retry_number", retry);
    body.put("amount_minor", invoice.amountMinor());
    body.put("currency", invoice.currency());
    body.put("scheduled_for", at.minusMillis(412).toString());
    body.put("attempted_at", at.toString());
    return body;
  }

  /** The answer the contract spells for an attempt's outcome. */
  static ObjectNode outcome(Attempt attempt) {
    ObjectNode outcome = JSON.createObjectNode();
    if (attempt.succeeded()) {
      return outcome.put("outcome", "succeeded");
    }
    return outcome
        .put("outcome", "failed")
        .put("decline_code", attempt.declineCode().wireName())
        .put("devices_24h", attempt.devices24h().getAsInt());
  }

  /** A charge call with the idempotency key the body calls for. */
  Reply charge(ObjectNode body) {
    String key = body.path("invoice_id").asText() + ":" + body.path("retry_number").asText();
    return post("/charge", body.toString(), Map.of("Idempotency-Key", key));
  }

  Reply post(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), JSON.readTree(response.body()), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
