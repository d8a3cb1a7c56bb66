package dev.smartretry.service.decision;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who is in the control arm (docs/http-api.md, section 8). A customer's place is a number in [0, 1)
 * drawn from a hash of the policy's name and the customer's id, and the customer is in the control
 * arm when it is below the policy's share. So the same customer lands in the same arm on every
 * instance, at every decision and after restarts, with nothing stored; and raising the share only
 * moves customers from smart to control, never back.
 */
public final class ControlGroup {
  private static final double UNIT = 0x1p-53;

  private ControlGroup() {}

  /** The arm of {@code customerId} under the policy {@code policyName} with {@code share}. */
  public static Arm armOf(String customerId, String policyName, double share) {
    if (share <= 0) {
      return Arm.SMART;
    }
    return place(customerId, policyName) < share ? Arm.CONTROL : Arm.SMART;
  }

  /** The customer's place in [0, 1) under the policy, uniform over customers. */
  static double place(String customerId, String policyName) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    // The separator keeps ("ab", "c") and ("a", "bc") apart; neither name holds control characters.
    sha256.update(policyName.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    byte[] hash = sha256.digest(customerId.getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
    // The top 53 bits, as many as a double holds exactly: a place below 1, never at it.
    return (bits >>> 11) * UNIT;
  }
}
