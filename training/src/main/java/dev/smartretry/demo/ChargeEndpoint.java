package dev.smartretry.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smartretry.webhooks.WebhookSecret;
import dev.smartretry.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /charge}: checks the call (its signature when a secret is set, its body, its
 * idempotency key) and answers the outcome the {@link DemoBillingSystem} gives it, or a 4xx {@code
 * {"error": ...}} saying what is wrong.
 */
final class ChargeEndpoint implements HttpHandler {
  /** Far beyond any charge call, far below what could hurt the gateway. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Says an answer is the stored outcome of an earlier call, as payment APIs commonly do. */
  static final String REPLAYED = "Idempotent-Replayed";

  private final DemoBillingSystem system;
  private final Optional<WebhookSecret> secret;
  private final Clock clock;
  private final ChargeTally tally;
  private final GatewayLog log;

  ChargeEndpoint(
      DemoBillingSystem system,
      Optional<WebhookSecret> secret,
      Clock clock,
      ChargeTally tally,
      GatewayLog log) {
    this.system = Objects.requireNonNull(system, "system");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tally = Objects.requireNonNull(tally, "tally");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      ChargeCall call = read(exchange);
      ChargeAnswer answer = system.charge(call);
      tally.answered(answer);
      log.answered(call, answer);
      if (answer.repeated()) {
        exchange.getResponseHeaders().set(REPLAYED, "true");
      }
      JsonReply.send(exchange, 200, answer.outcome());
    } catch (RefusedCall refused) {
      tally.refused(refused.refusal());
      log.refused(refused);
      if (refused.refusal() == Refusal.METHOD_NOT_ALLOWED) {
        exchange.getResponseHeaders().set("Allow", "POST");
      }
      JsonReply.error(exchange, refused.refusal().status(), refused.getMessage());
    } catch (RuntimeException fault) {
      // Without this the JDK server would drop the connection without a word.
      log.broken(fault);
      JsonReply.error(exchange, 500, "the demo gateway failed: " + fault);
    } finally {
      exchange.close();
    }
  }

  private ChargeCall read(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new RefusedCall(
          Refusal.METHOD_NOT_ALLOWED,
          "method: charge with POST, not " + exchange.getRequestMethod());
    }
    byte[] body = body(exchange);
    Headers headers = exchange.getRequestHeaders();
    if (secret.isPresent()) {
      checkSignature(secret.get(), headers, body);
    }
    ChargeCall call = ChargeCall.read(body);
    String key = headers.getFirst(IDEMPOTENCY_KEY);
    if (key == null) {
      throw new RefusedCall(
          Refusal.BAD_IDEMPOTENCY_KEY,
          IDEMPOTENCY_KEY + ": missing; send " + call.idempotencyKey() + " with this call");
    }
    if (!key.equals(call.idempotencyKey())) {
      throw new RefusedCall(
          Refusal.BAD_IDEMPOTENCY_KEY,
          IDEMPOTENCY_KEY
              + ": "
              + key
              + " is not <invoice_id>:<retry_number> of the body, "
              + call.idempotencyKey());
    }
    return call;
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new RefusedCall(
            Refusal.BODY_TOO_LARGE,
            "body: over " + MAX_BODY_BYTES + " bytes; a charge call is small");
      }
      return body;
    }
  }

  private void checkSignature(WebhookSecret key, Headers headers, byte[] body) {
    String id = headers.getFirst(WebhookSignature.ID_HEADER);
    String timestamp = headers.getFirst(WebhookSignature.TIMESTAMP_HEADER);
    String signature = headers.getFirst(WebhookSignature.SIGNATURE_HEADER);
    if (id == null || timestamp == null || signature == null) {
      throw new RefusedCall(
          Refusal.BAD_SIGNATURE,
          "webhook-signature: this gateway has a --secret and the call is not signed (it needs"
              + " webhook-id, webhook-timestamp and webhook-signature)");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (!WebhookSignature.verify(key, id, timestamp, signature, text, clock.instant())) {
      throw new RefusedCall(
          Refusal.BAD_SIGNATURE,
          "webhook-signature: does not match the --secret, or webhook-timestamp "
              + timestamp
              + " is more than "
              + WebhookSignature.TOLERANCE.toMinutes()
              + " minutes from this gateway's clock");
    }
  }
}
