package dev.smartretry.generator;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The legacy policy explores: a share of invoices follow fixed schedules; the rest get random
 * delays, log-uniform between {@code minDelayMinutes} and {@code maxDelayDays}, at a random local
 * time of day for delays of a day or more (unless the time of day is kept), up to a random number
 * of retries within {@code windowDays}. Technical errors are sometimes retried within minutes. It
 * stops after a success and after a hard decline, except for a few invoices retried anyway.
 *
 * @param fixedSchedules named schedules: weight (share of invoices) and retry offsets in days from
 *     the original charge (same time of day); the remaining share uses random delays
 * @param minRetries fewest retries of a random schedule
 * @param maxRetries most retries of a random schedule
 * @param minDelayMinutes shortest random delay
 * @param maxDelayDays longest random delay
 * @param keepTimeOfDayShare share of day-plus delays that keep the time of day
 * @param quickRetryShare after a technical error, chance of a quick retry instead
 * @param quickRetryMinMinutes shortest quick retry
 * @param quickRetryMaxMinutes longest quick retry
 * @param windowDays no retry later than this many days after the original charge
 * @param retryAfterHardShare share of hard-declined invoices retried anyway
 * @param maxRetriesAfterHard at most this many retries after a hard decline (1 or more, drawn)
 * @param networkMaxRetries at most this many retries in any {@code networkWindowDays} (Visa)
 * @param networkWindowDays the window of that rule
 */
public record LegacyPolicy(
    Map<String, FixedSchedule> fixedSchedules,
    int minRetries,
    int maxRetries,
    double minDelayMinutes,
    double maxDelayDays,
    double keepTimeOfDayShare,
    double quickRetryShare,
    double quickRetryMinMinutes,
    double quickRetryMaxMinutes,
    double windowDays,
    double retryAfterHardShare,
    int maxRetriesAfterHard,
    int networkMaxRetries,
    int networkWindowDays) {
  public LegacyPolicy {
    fixedSchedules = Check.sorted("legacyPolicy.fixedSchedules", fixedSchedules);
    double fixedShare = fixedSchedules.values().stream().mapToDouble(FixedSchedule::weight).sum();
    if (fixedShare > 1 + 1e-9) {
      throw new IllegalArgumentException(
          "legacyPolicy.fixedSchedules weights sum to more than 1: " + fixedShare);
    }
    Check.range("legacyPolicy.minRetries", minRetries, 1, 100);
    Check.range("legacyPolicy.maxRetries", maxRetries, minRetries, 100);
    Check.positive("legacyPolicy.minDelayMinutes", minDelayMinutes);
    Check.positive("legacyPolicy.maxDelayDays", maxDelayDays);
    if (maxDelayDays * 24 * 60 <= minDelayMinutes) {
      throw new IllegalArgumentException("legacyPolicy.maxDelayDays is below minDelayMinutes");
    }
    Check.probability("legacyPolicy.keepTimeOfDayShare", keepTimeOfDayShare);
    Check.probability("legacyPolicy.quickRetryShare", quickRetryShare);
    Check.positive("legacyPolicy.quickRetryMinMinutes", quickRetryMinMinutes);
    if (quickRetryMaxMinutes < quickRetryMinMinutes) {
      throw new IllegalArgumentException(
          "legacyPolicy.quickRetryMaxMinutes is below quickRetryMinMinutes");
    }
    Check.positive("legacyPolicy.windowDays", windowDays);
    Check.probability("legacyPolicy.retryAfterHardShare", retryAfterHardShare);
    Check.range("legacyPolicy.maxRetriesAfterHard", maxRetriesAfterHard, 1, 10);
    Check.range("legacyPolicy.networkMaxRetries", networkMaxRetries, 1, 1000);
    Check.range("legacyPolicy.networkWindowDays", networkWindowDays, 1, 365);
  }

  /** Share of invoices on random delays: what the fixed schedules leave. */
  double randomShare() {
    return Math.max(
        0, 1 - fixedSchedules.values().stream().mapToDouble(FixedSchedule::weight).sum());
  }

  /**
   * A world's legacy policy, drawn for {@link RandomWorlds}: from mostly fixed schedules (little to
   * learn from) to mostly random delays.
   */
  static LegacyPolicy drawn(SplittableRandom random, LegacyPolicy defaults) {
    double fixedShare = Draws.uniform(random, 0, 0.7);
    double defaultShare = 1 - defaults.randomShare();
    Map<String, FixedSchedule> schedules = new TreeMap<>();
    defaults
        .fixedSchedules()
        .forEach(
            (name, schedule) ->
                schedules.put(
                    name,
                    new FixedSchedule(
                        schedule.weight() / defaultShare * fixedShare, schedule.days())));
    int fewest = Draws.uniform(random, 2, 5);
    return new LegacyPolicy(
        schedules,
        fewest,
        Draws.uniform(random, fewest, 10),
        Draws.uniform(random, 5.0, 60.0),
        Draws.uniform(random, 3.0, 10.0),
        Draws.uniform(random, 0, 0.8),
        Draws.uniform(random, 0, 0.6),
        defaults.quickRetryMinMinutes(),
        defaults.quickRetryMaxMinutes(),
        Draws.uniform(random, 14.0, 30.0),
        Draws.uniform(random, 0, 0.08),
        defaults.maxRetriesAfterHard(),
        defaults.networkMaxRetries(),
        defaults.networkWindowDays());
  }
}
