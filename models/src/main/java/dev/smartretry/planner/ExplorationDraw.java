package dev.smartretry.planner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The chance behind one decision's exploration, derived from stable ids only: the same seed,
 * invoice and retry number always draw the same, on any instance and after any restart, so a
 * decision taken again is the same decision. Two independent uniform numbers come out of it: one
 * says whether to explore, the other which candidate.
 *
 * <p>The invoice id is hashed with SHA-256 (the same on every JVM and version, which a {@code
 * hashCode} of 32 bits would barely be enough for), then mixed with the seed and the retry number
 * by SplitMix64's finalizer. A uniform number is the top 53 bits of a mixed word, so an index among
 * {@code n} candidates departs from {@code 1/n} by less than {@code n / 2^53}: nothing a propensity
 * can show.
 */
final class ExplorationDraw {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final double whether;
  private final double which;

  private ExplorationDraw(double whether, double which) {
    this.whether = whether;
    this.which = which;
  }

  static ExplorationDraw of(long seed, String invoiceId, int retryNumber) {
    long state = seed ^ idHash(invoiceId) ^ (retryNumber * GOLDEN);
    return new ExplorationDraw(unit(mix(state + GOLDEN)), unit(mix(state + 2 * GOLDEN)));
  }

  /** Whether a decision under exploration share {@code share} explores. */
  boolean explores(double share) {
    return whether < share;
  }

  /** The candidate drawn among {@code count}, each equally likely. */
  int index(int count) {
    return (int) (which * count);
  }

  private static long idHash(String invoiceId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(invoiceId.getBytes(StandardCharsets.UTF_8));
      long hash = 0;
      for (int index = 0; index < Long.BYTES; index++) {
        hash = (hash << 8) | (digest[index] & 0xff);
      }
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double unit(long word) {
    return (word >>> 11) * 0x1.0p-53;
  }
}
