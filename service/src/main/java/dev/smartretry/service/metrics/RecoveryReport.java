package dev.smartretry.service.metrics;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the cohort's grouped counts into the recovery metrics' answer. */
@Singleton
final class RecoveryReport {
  // A day: pay days and issuers' daily limits make days the natural unit of waiting.
  static final int BUCKET_HOURS = 24;

  private final Cohorts cohorts;

  RecoveryReport(Cohorts cohorts) {
    this.cohorts = cohorts;
  }

  RecoveryJson recovery(MetricsWindow window, RecoveryGrouping grouping, Instant now) {
    Map<String, Cohorts.GroupRow> totals = new LinkedHashMap<>();
    Map<String, Map<String, Long>> failedAmounts = new TreeMap<>();
    Map<String, Map<String, Long>> recoveredAmounts = new TreeMap<>();
    for (Cohorts.GroupRow row : cohorts.recovery(window, grouping, now)) {
      if (row.currency() == null) {
        totals.put(row.key(), row);
      } else {
        failedAmounts
            .computeIfAbsent(row.key(), key -> new TreeMap<>())
            .put(row.currency(), row.failedAmount());
        if (row.recoveredAmount() > 0) {
          recoveredAmounts
              .computeIfAbsent(row.key(), key -> new TreeMap<>())
              .put(row.currency(), row.recoveredAmount());
        }
      }
    }
    List<RecoveryJson.Group> groups = new ArrayList<>();
    for (Cohorts.GroupRow total : totals.values()) {
      groups.add(
          new RecoveryJson.Group(
              total.key(),
              total.failed(),
              total.recovered(),
              total.inRecovery(),
              total.exhausted(),
              total.stopped(),
              total.resolved(),
              total.failed() == 0 ? null : Rounding.ratio(total.recovered(), total.failed()),
              failedAmounts.getOrDefault(total.key(), Map.of()),
              recoveredAmounts.getOrDefault(total.key(), Map.of()),
              total.retries(),
              total.recovered() == 0
                  ? null
                  : Rounding.twoPlaces((double) total.retries() / total.recovered()),
              total.medianHoursToRecovery() == null
                  ? null
                  : Rounding.twoPlaces(total.medianHoursToRecovery())));
    }
    if (groups.isEmpty() && grouping == RecoveryGrouping.ALL) {
      // One group always, so that a dashboard reads zeros rather than nothing.
      groups.add(
          new RecoveryJson.Group("all", 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null, null));
    }
    groups.sort(order(grouping));
    return new RecoveryJson(
        window.from(),
        window.to(),
        grouping == RecoveryGrouping.ALL ? null : grouping.wireName(),
        groups);
  }

  /** The recovered invoices by how long recovery took, in buckets of a day. */
  TimeToRecoveryJson timeToRecovery(MetricsWindow window, Instant now) {
    List<Cohorts.BucketRow> rows = cohorts.hoursToRecovery(window, BUCKET_HOURS, now);
    List<TimeToRecoveryJson.Bucket> buckets = new ArrayList<>();
    int next = 0;
    for (Cohorts.BucketRow row : rows) {
      for (; next < row.bucket(); next++) {
        buckets.add(bucket(next, 0));
      }
      buckets.add(bucket(row.bucket(), row.recovered()));
      next = row.bucket() + 1;
    }
    Double median = rows.isEmpty() ? null : cohorts.medianHoursToRecovery(window, now);
    return new TimeToRecoveryJson(
        window.from(),
        window.to(),
        BUCKET_HOURS,
        buckets,
        median == null ? null : Rounding.twoPlaces(median));
  }

  private static TimeToRecoveryJson.Bucket bucket(int number, long recovered) {
    return new TimeToRecoveryJson.Bucket(
        number * BUCKET_HOURS, (number + 1) * BUCKET_HOURS, recovered);
  }

  private static Comparator<RecoveryJson.Group> order(RecoveryGrouping grouping) {
    if (grouping.numeric()) {
      return Comparator.comparingInt(group -> Integer.parseInt(group.key()));
    }
    return Comparator.comparing(RecoveryJson.Group::key);
  }
}
