package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.webhooks.WebhookSecret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo billing system's {@code POST /events}: events signed as the spec says (signed here with
 * javax.crypto from the spec's recipe) are printed once each; others are refused with 401.
 */
class EventReceiverTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private static final String EVENT =
      "{\"type\": \"invoice.retries_exhausted\", \"timestamp\": \"2026-03-02T11:59:59Z\","
          + " \"data\": {\"sequence\": 7, \"final_action\": \"cancel_subscription\","
          + " \"plan\": {\"invoice_id\": \"in_demo_12\", \"status\": \"exhausted\"}}}";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private DemoGateway gateway;
  private GatewayClient client;

  @BeforeEach
  void start() {
    gateway =
        DemoGateway.start(
            new InetSocketAddress("127.0.0.1", 0),
            new DemoBillingSystem(new World(WorldConfig.defaults(), 42), 0),
            Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new GatewayLog(new PrintWriter(out, true), new PrintWriter(err, true), false));
    gateway.receiveEventsWith(WebhookSecret.parse(SECRET));
    client = new GatewayClient(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static Map<String, String> signed(String secret, String id, String body)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    long timestamp = NOW.getEpochSecond();
    String signature =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    mac.doFinal(
                        (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    return Map.of(
        "webhook-id",
        id,
        "webhook-timestamp",
        Long.toString(timestamp),
        "webhook-signature",
        signature);
  }

  @Test
  void aSignedEventIsPrintedOnceAndARepeatIsAcknowledgedQuietly() throws Exception {
    Map<String, String> headers = signed(SECRET, "evt_1", EVENT);

    assertThat(client.post("/events", EVENT, headers).status()).isEqualTo(204);
    assertThat(client.post("/events", EVENT, headers).status()).isEqualTo(204);

    assertThat(out.toString().lines())
        .containsExactly(
            "event invoice.retries_exhausted #7 in_demo_12 (plan exhausted, final action"
                + " cancel_subscription) evt_1, signature verified");
    GatewayStats stats = gateway.stats();
    assertThat(stats.eventsReceived()).isEqualTo(1);
    assertThat(stats.eventsRepeated()).isEqualTo(1);
    assertThat(stats.eventsRefused()).isZero();
  }

  @Test
  void anEventNotSignedWithTheEndpointsSecretIsRefused() throws Exception {
    String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    GatewayClient.Reply wrongSecret = client.post("/events", EVENT, signed(other, "evt_2", EVENT));
    GatewayClient.Reply altered =
        client.post(
            "/events",
            EVENT.replace("#7", "#8").replace("7,", "8,"),
            signed(SECRET, "evt_3", EVENT));
    GatewayClient.Reply unsigned = client.post("/events", EVENT, Map.of());

    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.error()).contains("webhook-signature");
    assertThat(altered.status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(gateway.stats().eventsRefused()).isEqualTo(3);
    assertThat(gateway.stats().eventsReceived()).isZero();
    assertThat(err.toString().lines()).hasSize(3).allMatch(line -> line.startsWith("warning:"));
    assertThat(client.get("/events").status()).isEqualTo(405);
  }
}
