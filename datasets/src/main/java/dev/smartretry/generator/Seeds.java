package dev.smartretry.generator;

import java.util.SplittableRandom;

/**
 * Derives independent seeds from a parent seed and a path of ids. Every random stream in the world
 * is named by what it is for (this invoice's profile, this invoice's 3rd attempt, this issuer), so
 * its draws never depend on how many draws other streams made, on thread count or on order.
 */
final class Seeds {
  /** Top-level streams under the world seed. */
  static final long INVOICES = 1;

  static final long POLICY = 2;
  static final long ISSUERS = 3;
  static final long HOLIDAYS = 4;
  static final long QUIET_HOURS = 5;

  /** Streams under one invoice's seed. */
  static final long PROFILE = 1;

  static final long DAYS = 2;
  static final long ATTEMPTS = 3;
  static final long IDS = 4;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  static long derive(long parent, long child) {
    // Distinct children of one parent never collide: the odd multiplier and mix64 are bijections.
    return mix(mix(parent) + GOLDEN * (child + 1));
  }

  static long derive(long parent, long child, long grandchild) {
    return derive(derive(parent, child), grandchild);
  }

  static SplittableRandom random(long parent, long child) {
    return new SplittableRandom(derive(parent, child));
  }

  static SplittableRandom random(long parent, long child, long grandchild) {
    return new SplittableRandom(derive(parent, child, grandchild));
  }

  /** A stable id for a text (a country code): String.hashCode is stable too, but collides more. */
  static long of(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** The SplitMix64 finalizer (Steele, Lea, Flood 2014): a bijection with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
