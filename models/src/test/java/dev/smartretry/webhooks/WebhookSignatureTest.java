package dev.smartretry.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // The example of the Standard Webhooks libraries' own tests.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant THEN = Instant.ofEpochSecond(TIMESTAMP + 10);

  @Test
  void signsThePublishedExample() {
    assertThat(WebhookSignature.sign(List.of(WebhookSecret.parse(SECRET)), ID, TIMESTAMP, BODY))
        .isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesThePublishedExample() {
    assertThat(verify(SECRET, SIGNATURE, BODY, THEN)).isTrue();
  }

  @Test
  void refusesAnotherBodyOrSecretOrAnOldTimestamp() {
    WebhookSecret other = WebhookSecret.generate(new SecureRandom());
    assertThat(verify(SECRET, SIGNATURE, BODY + " ", THEN)).isFalse();
    assertThat(verify(other.text(), SIGNATURE, BODY, THEN)).isFalse();
    assertThat(verify(SECRET, SIGNATURE, BODY, THEN.plusSeconds(600))).isFalse();
    assertThat(verify(SECRET, "v2," + SIGNATURE.substring(3), BODY, THEN)).isFalse();
    assertThat(verify(SECRET, "v1,not base64!", BODY, THEN)).isFalse();
  }

  @Test
  void duringARotationEitherSecretVerifies() {
    WebhookSecret old = WebhookSecret.parse(SECRET);
    WebhookSecret fresh = WebhookSecret.generate(new SecureRandom());

    String header = WebhookSignature.sign(List.of(fresh, old), ID, TIMESTAMP, BODY);

    assertThat(header.split(" ")).hasSize(2);
    assertThat(verify(SECRET, header, BODY, THEN)).isTrue();
    assertThat(verify(fresh.text(), header, BODY, THEN)).isTrue();
  }

  @Test
  void secretsMustBeWhsecBase64OfEnoughBytes() {
    assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageStartingWith("must be whsec_");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_???"))
        .isInstanceOf(IllegalArgumentException.class);
    WebhookSecret generated = WebhookSecret.generate(new SecureRandom());
    assertThat(WebhookSecret.parse(generated.text()).text()).isEqualTo(generated.text());
    assertThat(generated.toString()).doesNotContain(generated.text().substring(6));
  }

  private static boolean verify(String secret, String signature, String body, Instant now) {
    return WebhookSignature.verify(
        WebhookSecret.parse(secret), ID, Long.toString(TIMESTAMP), signature, body, now);
  }
}
