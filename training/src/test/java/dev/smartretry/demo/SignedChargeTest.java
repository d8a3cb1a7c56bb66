package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.demo.GatewayClient.Reply;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.webhooks.WebhookSecret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Charge calls signed after Standard Webhooks. The test signs with javax.crypto itself, from the
 * specification's recipe, so a mistake shared by the service's signer and the gateway's verifier
 * would still show.
 */
class SignedChargeTest {
  /** The Standard Webhooks specification's example secret. */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String OTHER_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private static final long FIRST = 1_000_000_000L;

  private final World truth = new World(WorldConfig.defaults(), 42);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private DemoGateway gateway;
  private GatewayClient client;

  private void start(Optional<String> secret) {
    gateway =
        DemoGateway.start(
            new InetSocketAddress("127.0.0.1", 0),
            new DemoBillingSystem(new World(WorldConfig.defaults(), 42), FIRST),
            secret.map(WebhookSecret::parse),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new GatewayLog(new PrintWriter(out, true), new PrintWriter(err, true), true));
    client = new GatewayClient(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static String signature(String secret, String id, long timestamp, String body)
      throws GeneralSecurityException {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] digest =
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(digest);
  }

  private String body() {
    WorldInvoice invoice = truth.draw(FIRST);
    return GatewayClient.body(invoice, 1, invoice.firstFailureAt().plus(Duration.ofDays(1)))
        .toString();
  }

  private Reply call(String body, Map<String, String> signing) {
    Map<String, String> headers = new HashMap<>(signing);
    headers.put("Idempotency-Key", "in_demo_" + FIRST + ":1");
    return client.post("/charge", body, headers);
  }

  private static Map<String, String> signed(String secret, long timestamp, String body)
      throws GeneralSecurityException {
    return Map.of(
        "webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", signature(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp, body));
  }

  @Test
  void aCorrectlySignedCallIsCharged() throws GeneralSecurityException {
    start(Optional.of(SECRET));
    String body = body();

    Reply reply = call(body, signed(SECRET, NOW.getEpochSecond(), body));

    assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
    assertThat(gateway.stats().charges()).isEqualTo(1);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void duringARotationOneMatchingSignatureOfSeveralSuffices() throws GeneralSecurityException {
    start(Optional.of(SECRET));
    String body = body();
    long timestamp = NOW.getEpochSecond();
    String both =
        signature(OTHER_SECRET, "msg_1", timestamp, body)
            + " "
            + signature(SECRET, "msg_1", timestamp, body);

    Reply reply =
        call(
            body,
            Map.of(
                "webhook-id",
                "msg_1",
                "webhook-timestamp",
                Long.toString(timestamp),
                "webhook-signature",
                both));

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void aWrongSignatureIsRefusedWith401AndAWarning() throws GeneralSecurityException {
    start(Optional.of(SECRET));
    String body = body();

    Reply otherSecret = call(body, signed(OTHER_SECRET, NOW.getEpochSecond(), body));
    Reply otherBody =
        call(
            body.replace("\"retry_number\":1", "\"retry_number\":2"),
            signed(SECRET, NOW.getEpochSecond(), body));
    Reply stale =
        call(body, signed(SECRET, NOW.minus(Duration.ofMinutes(6)).getEpochSecond(), body));
    Reply unsigned = call(body, Map.of());

    assertThat(otherSecret.status()).isEqualTo(401);
    assertThat(otherSecret.error()).startsWith("webhook-signature: does not match the --secret");
    assertThat(otherBody.status()).isEqualTo(401);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.error()).contains("not signed");
    GatewayStats stats = gateway.stats();
    assertThat(stats.charges()).isZero();
    assertThat(stats.refusedByReason()).containsEntry("bad_signature", 4L);
    // Quiet or not, each is a warning: the service and the gateway disagree on the secret.
    assertThat(err.toString().lines())
        .hasSize(4)
        .allMatch(line -> line.startsWith("warning: refused (401 bad_signature): "));
    assertThat(err.toString()).doesNotContain(SECRET.substring("whsec_".length()));
  }

  @Test
  void withoutASecretSignaturesAreIgnored() throws GeneralSecurityException {
    start(Optional.empty());
    String body = body();

    Reply unsigned = call(body, Map.of());
    Reply badlySigned = call(body, signed(OTHER_SECRET, 0, body));

    assertThat(unsigned.status()).isEqualTo(200);
    assertThat(badlySigned.status()).isEqualTo(200);
    assertThat(gateway.stats().repeatedCalls()).isEqualTo(1);
  }
}
