package dev.smartretry.service.metrics;

/** Checks of the counts the statistics are computed from. */
final class Counts {
  private Counts() {}

  static void check(long successes, long trials) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "Not a count of successes among trials: " + successes + " of " + trials);
    }
  }
}
