package dev.smartretry.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Secrets sealed for the database, and the key that seals them. */
class SecretBoxTest {
  private static final byte[] KEY = new byte[32];

  @Test
  void aSealedSecretOpensWithItsKeyAndHidesItsText() {
    SecretBox box = new SecretBox(KEY);
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String sealed = box.seal(secret);

    assertThat(sealed).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(box.seal(secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(box.open(sealed)).isEqualTo(secret);
  }

  @Test
  void anotherKeyOrAnAlteredSealDoesNotOpen() {
    String sealed = new SecretBox(KEY).seal("whsec_abc");
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> new SecretBox(other).open(sealed))
        .hasMessageContaining("SMART_RETRY_SECRET_KEY");
    byte[] altered = Base64.getDecoder().decode(sealed);
    altered[altered.length - 1] ^= 1;
    assertThatThrownBy(() -> new SecretBox(KEY).open(Base64.getEncoder().encodeToString(altered)))
        .hasMessageContaining("altered");
  }

  @Test
  void theKeyMustBe32BytesInBase64AndIsNeverRepeated() {
    for (String bad :
        new String[] {"short", Base64.getEncoder().encodeToString(new byte[16]), "!!!!"}) {
      assertThatThrownBy(() -> new EventSettings(bad, null, null, null).secretBox())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("SMART_RETRY_SECRET_KEY")
          .hasMessageNotContaining(bad);
    }
    assertThat(new EventSettings(null, null, null, null).secretBox()).isEmpty();
    assertThat(
            new EventSettings(Base64.getEncoder().encodeToString(KEY), null, null, null)
                .secretBox())
        .isPresent();
  }
}
