package dev.smartretry.webhooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A signing secret as Standard Webhooks writes it: {@code whsec_} followed by the base64 of 24 to
 * 64 random bytes. Its text never appears in {@link #toString()}, so it cannot reach a log by
 * accident.
 */
public final class WebhookSecret {
  static final String PREFIX = "whsec_";
  private static final int LEAST_BYTES = 24;
  private static final int MOST_BYTES = 64;
  private static final int GENERATED_BYTES = 32;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key.clone();
  }

  /**
   * The secret {@code text} spells.
   *
   * @throws IllegalArgumentException saying what is wrong with it, without repeating it
   */
  public static WebhookSecret parse(String text) {
    return read(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be whsec_ followed by the base64 of "
                        + LEAST_BYTES
                        + " to "
                        + MOST_BYTES
                        + " random bytes"));
  }

  /** A new random secret. */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new WebhookSecret(key);
  }

  private static Optional<WebhookSecret> read(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (key.length < LEAST_BYTES || key.length > MOST_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new WebhookSecret(key));
  }

  /** The {@code whsec_...} text, to show once to whoever must verify the signatures. */
  public String text() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
