package dev.smartretry.service.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code group_by} splits the recovery metrics by (docs/http-api.md, section 4). Most keys
 * belong to the invoice; {@code retry_number} and {@code local_hour} belong to each executed retry,
 * so an invoice counts in the group of every retry it had. Each key is a fixed SQL expression, over
 * the cohort {@code c} or the retries {@code r}, and over a settled day's stored figures {@code d}
 * (table {@code recovery_day_groups}): the only SQL a request chooses.
 *
 * <p>Days already summed hold rows of the groupings that existed then: a new grouping, or a new
 * meaning of a key, comes with a migration that empties {@code recovery_days}, so that every day is
 * summed again.
 */
enum RecoveryGrouping {
  ALL("'all'", false, false),
  DECLINE_CODE("c.first_decline_code", false, false),
  POLICY("c.policy", false, false),
  ARM("c.arm", false, false),
  CARD_FUNDING("c.card_funding", false, false),
  CARD_BRAND("c.card_brand", false, false),
  CARD_COUNTRY("c.card_country", false, false),
  // Calendar days and ISO weeks (from Monday) of the first failure, in UTC like every instant. A
  // settled day stores no rows of its own for these: its 'all' rows are the day's.
  DAY(
      "to_char(c.first_failed_at at time zone 'UTC', 'YYYY-MM-DD')",
      "to_char(d.day, 'YYYY-MM-DD')",
      false,
      false),
  WEEK(
      "to_char(date_trunc('week', c.first_failed_at at time zone 'UTC'), 'YYYY-MM-DD')",
      "to_char(date_trunc('week', d.day::timestamp), 'YYYY-MM-DD')",
      false,
      false),
  RETRY_NUMBER("(r.attempt_number - 1)::text", true, true),
  // The hour of the day where the customer is, which is what a retry's timing is about.
  LOCAL_HOUR("extract(hour from r.attempted_at at time zone r.timezone)::int::text", true, true);

  private final String key;
  private final String storedKey;
  private final boolean byRetry;
  private final boolean numeric;

  RecoveryGrouping(String key, boolean byRetry, boolean numeric) {
    this(key, "d.key", byRetry, numeric);
  }

  RecoveryGrouping(String key, String storedKey, boolean byRetry, boolean numeric) {
    this.key = key;
    this.storedKey = storedKey;
    this.byRetry = byRetry;
    this.numeric = numeric;
  }

  /** The SQL expression of a group's key. */
  String key() {
    return key;
  }

  /** The SQL expression of a group's key over a settled day's stored figures {@code d}. */
  String storedKey() {
    return storedKey;
  }

  /** The grouping whose stored rows a settled day gives this grouping's figures from. */
  RecoveryGrouping stored() {
    return storedKey.equals("d.key") ? this : ALL;
  }

  /** Whether a settled day stores rows of this grouping. */
  boolean isStored() {
    return stored() == this;
  }

  /** Whether each executed retry, rather than each invoice, falls in a group. */
  boolean byRetry() {
    return byRetry;
  }

  /** Whether keys are numbers, ordered as numbers rather than as text. */
  boolean numeric() {
    return numeric;
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The grouping {@code group_by} names; absent is {@link #ALL}. */
  static Optional<RecoveryGrouping> fromWireName(String name) {
    return Arrays.stream(values())
        .filter(grouping -> grouping != ALL && grouping.wireName().equals(name))
        .findFirst();
  }

  static String wireNames() {
    return Arrays.stream(values())
        .filter(grouping -> grouping != ALL)
        .map(RecoveryGrouping::wireName)
        .collect(Collectors.joining(", "));
  }
}
