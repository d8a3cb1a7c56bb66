package dev.smartretry.service.metrics;

import dev.smartretry.service.metrics.CohortQuery.Figures;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the cohort's figures into the recovery metrics' answers. */
@Singleton
final class RecoveryReport {
  // A day: pay days and issuers' daily limits make days the natural unit of waiting.
  static final int BUCKET_HOURS = 24;

  private final Cohorts cohorts;

  RecoveryReport(Cohorts cohorts) {
    this.cohorts = cohorts;
  }

  RecoveryJson recovery(MetricsWindow window, RecoveryGrouping grouping, Instant now) {
    Map<String, Group> groups = new TreeMap<>();
    for (Figures figures : cohorts.figures(window, grouping, now)) {
      groups.computeIfAbsent(figures.key(), Group::new).add(figures);
    }
    List<RecoveryJson.Group> answer = new ArrayList<>();
    for (Group group : groups.values()) {
      answer.add(group.json());
    }
    if (answer.isEmpty() && grouping == RecoveryGrouping.ALL) {
      // One group always, so that a dashboard reads zeros rather than nothing.
      answer.add(new Group("all").json());
    }
    answer.sort(order(grouping));
    return new RecoveryJson(
        window.from(),
        window.to(),
        grouping == RecoveryGrouping.ALL ? null : grouping.wireName(),
        answer);
  }

  /** The recovered invoices by how long recovery took, in buckets of a day. */
  TimeToRecoveryJson timeToRecovery(MetricsWindow window, Instant now) {
    RecoverySeconds times = new RecoverySeconds();
    for (Figures figures : cohorts.figures(window, RecoveryGrouping.ALL, now)) {
      times.add(figures.recoverySeconds());
    }
    long[] counts = times.byBucket(BUCKET_HOURS);
    List<TimeToRecoveryJson.Bucket> buckets = new ArrayList<>();
    for (int bucket = 0; bucket < counts.length; bucket++) {
      buckets.add(
          new TimeToRecoveryJson.Bucket(
              bucket * BUCKET_HOURS, (bucket + 1) * BUCKET_HOURS, counts[bucket]));
    }
    Double median = times.medianHours();
    return new TimeToRecoveryJson(
        window.from(),
        window.to(),
        BUCKET_HOURS,
        buckets,
        median == null ? null : Rounding.twoPlaces(median));
  }

  private static Comparator<RecoveryJson.Group> order(RecoveryGrouping grouping) {
    if (grouping.numeric()) {
      return Comparator.comparingInt(group -> Integer.parseInt(group.key()));
    }
    return Comparator.comparing(RecoveryJson.Group::key);
  }

  /** One group's figures, added up over its currencies, statuses and sources. */
  private static final class Group {
    private final String key;
    private final Map<String, Long> statuses = new LinkedHashMap<>();
    private final Map<String, Long> failedAmounts = new TreeMap<>();
    private final Map<String, Long> recoveredAmounts = new TreeMap<>();
    private final RecoverySeconds times = new RecoverySeconds();
    private long failed;
    private long recovered;
    private long retries;

    Group(String key) {
      this.key = key;
    }

    void add(Figures figures) {
      failed += figures.invoices();
      recovered += figures.recovered();
      retries += figures.retries();
      statuses.merge(figures.status(), figures.invoices(), Long::sum);
      failedAmounts.merge(figures.currency(), figures.amountMinor(), Long::sum);
      if (figures.recoveredAmountMinor() > 0) {
        recoveredAmounts.merge(figures.currency(), figures.recoveredAmountMinor(), Long::sum);
      }
      times.add(figures.recoverySeconds());
    }

    RecoveryJson.Group json() {
      Double median = times.medianHours();
      return new RecoveryJson.Group(
          key,
          failed,
          recovered,
          status("scheduled"),
          status("exhausted"),
          status("stopped"),
          status("resolved"),
          failed == 0 ? null : Rounding.ratio(recovered, failed),
          failedAmounts,
          recoveredAmounts,
          retries,
          recovered == 0 ? null : Rounding.twoPlaces((double) retries / recovered),
          median == null ? null : Rounding.twoPlaces(median));
    }

    private long status(String status) {
      return statuses.getOrDefault(status, 0L);
    }
  }
}
