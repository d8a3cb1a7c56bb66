package dev.smartretry.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256, keyed with the secret,
 * of {@code <webhook-id>.<webhook-timestamp>.<body>}. A header may carry several signatures,
 * separated by spaces (one per secret while a secret is being rotated); one that matches suffices.
 */
public final class WebhookSignature {
  /** The header names, as the specification writes them. */
  public static final String ID_HEADER = "webhook-id";

  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** How far a timestamp may be from the receiver's clock: the specification's suggestion. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String VERSION = "v1,";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The {@code webhook-signature} value for one message, signed with every secret given. */
  public static String sign(List<WebhookSecret> secrets, String id, long timestamp, String body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("sign with at least one secret");
    }
    StringBuilder header = new StringBuilder();
    for (WebhookSecret secret : secrets) {
      if (!header.isEmpty()) {
        header.append(' ');
      }
      header
          .append(VERSION)
          .append(Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body)));
    }
    return header.toString();
  }

  /**
   * Whether the headers prove that whoever holds {@code secret} sent {@code body} recently: the
   * timestamp is within {@link #TOLERANCE} of {@code now} and one of the signatures matches.
   */
  public static boolean verify(
      WebhookSecret secret,
      String id,
      String timestampHeader,
      String signatureHeader,
      String body,
      Instant now) {
    if (id == null || timestampHeader == null || signatureHeader == null || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.getSeconds()) {
      return false;
    }
    byte[] expected = mac(secret, id, timestamp, body);
    for (String signature : signatureHeader.strip().split(" +")) {
      if (signature.startsWith(VERSION)) {
        byte[] presented;
        try {
          presented = Base64.getDecoder().decode(signature.substring(VERSION.length()));
        } catch (IllegalArgumentException notBase64) {
          continue;
        }
        if (MessageDigest.isEqual(expected, presented)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] mac(WebhookSecret secret, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
      return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every Java platform has " + ALGORITHM, e);
    }
  }
}
