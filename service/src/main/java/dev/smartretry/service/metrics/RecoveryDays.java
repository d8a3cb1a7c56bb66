package dev.smartretry.service.metrics;

import dev.smartretry.service.database.DatabaseOutage;
import dev.smartretry.service.database.Rows;
import dev.smartretry.service.metrics.CohortQuery.Span;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums settled days once, so that a long window of the metrics reads a few rows per day instead of
 * every plan (table {@code recovery_days}, migration V13). A UTC day of first failures is settled
 * when it is over and none of its invoices is still in recovery (a plan scheduled, a reported
 * invoice before its deadline): from then on only a write to one of its invoices can change its
 * figures, and such a write forgets them (the migration's triggers) until the day settles again.
 *
 * <p>Every instance does this every minute; they need no coordination. Each day is summed in a
 * transaction of its own holding the day's advisory lock exclusively, which writes to the day hold
 * shared: a day being written is skipped and summed at the next run, and a write waits for a sum
 * under way, then forgets it.
 */
@Singleton
final class RecoveryDays implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryDays.class);
  private static final List<RecoveryGrouping> STORED =
      Arrays.stream(RecoveryGrouping.values()).filter(RecoveryGrouping::isStored).toList();
  // The earliest first failure, whose day is the first that may need summing; no row when there
  // is none.
  private static final String FIRST_DAY =
      "select (first at time zone 'UTC')::date from (select least("
          + "(select min(first_failed_at) from payment_plans),"
          + " (select min(first_failed_at) from reported_invoices)) as first) f"
          + " where first is not null";
  // Days not summed yet and settled, of the days that start at the instants "start" gives: no
  // open plan (found through their own small index) and no reported invoice before its deadline
  // (the one parameter: now). A UTC day is 24 hours, whatever the session's time zone.
  private static final String UNSUMMED_AND_SETTLED =
      "select (start at time zone 'UTC')::date from %s"
          + " where not exists (select 1 from recovery_days r"
          + " where r.day = (start at time zone 'UTC')::date)"
          + " and not exists (select 1 from payment_plans p where p.status = 'scheduled'"
          + " and p.first_failed_at >= start and p.first_failed_at < start + interval '24 hours')"
          + " and not exists (select 1 from reported_invoices i where i.status = 'scheduled'"
          + " and i.deadline > ? and i.first_failed_at >= start"
          + " and i.first_failed_at < start + interval '24 hours')";
  // Parameters: the first day and the last (UTC midnights), then now. The series is of UTC
  // wall-clock times, so that a day is 24 hours whatever the session's time zone.
  private static final String CANDIDATES =
      UNSUMMED_AND_SETTLED.formatted(
              "(select d at time zone 'UTC' as start from generate_series(?::timestamp,"
                  + " ?::timestamp, interval '1 day') d) days")
          + " order by 1";
  // Parameters: the day's start, then now.
  private static final String STILL_CANDIDATE =
      UNSUMMED_AND_SETTLED.formatted("(select ?::timestamptz as start) day");
  // The advisory locks' first key, the same as forget_recovery_day's (V13); the second is the
  // day's number from 2000-01-01.
  private static final int LOCK_CLASS = 1918;

  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final Duration firstAfter;

  RecoveryDays(
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      MetricsSettings settings) {
    this.transactions = transactions;
    this.clock = clock;
    this.scheduler = scheduler;
    this.firstAfter = settings.firstSumAfter();
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    scheduler.scheduleWithFixedDelay(firstAfter, MetricsSettings.SUM_DAYS_EVERY, this::rollUpNow);
  }

  private void rollUpNow() {
    try {
      rollUp(clock.instant());
    } catch (RuntimeException e) {
      if (DatabaseOutage.isConnectionFailure(e)) {
        return; // the outage is reported once, by DatabaseOutage; the next run catches up
      }
      LOG.warn("Summing settled days of the recovery metrics failed; next try in a minute", e);
    }
  }

  /** Sums every settled day not summed yet, up to the day before {@code now}'s; how many it did. */
  int rollUp(Instant now) {
    long started = System.nanoTime();
    List<LocalDate> candidates = candidates(now);
    List<LocalDate> summed = new ArrayList<>();
    for (LocalDate day : candidates) {
      if (rollUp(day, now)) {
        summed.add(day);
      }
    }
    if (!summed.isEmpty()) {
      LOG.info(
          "Summed {} settled days of recovery metrics ({} to {}) in {} ms",
          summed.size(),
          summed.get(0),
          summed.get(summed.size() - 1),
          (System.nanoTime() - started) / 1_000_000);
    }
    return summed.size();
  }

  private List<LocalDate> candidates(Instant now) {
    LocalDate lastDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    return transactions.executeRead(
        status -> {
          Connection connection = status.getConnection();
          LocalDate firstDay =
              Rows.first(connection, FIRST_DAY, row -> row.getObject(1, LocalDate.class))
                  .orElse(null);
          if (firstDay == null || firstDay.isAfter(lastDay)) {
            return List.of();
          }
          return Rows.list(
              connection,
              CANDIDATES,
              row -> row.getObject(1, LocalDate.class),
              firstDay.atStartOfDay(),
              lastDay.atStartOfDay(),
              CohortQuery.utc(now));
        });
  }

  private boolean rollUp(LocalDate day, Instant now) {
    return transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          CohortQuery.tune(connection);
          if (!locked(connection, day) || !stillCandidate(connection, day, now)) {
            return false;
          }
          Rows.update(
              connection,
              "insert into recovery_days (day, rolled_up_at) values (?, ?)",
              day,
              CohortQuery.utc(now));
          List<Span> wholeDay = List.of(Span.ofDay(day));
          for (RecoveryGrouping grouping : STORED) {
            store(connection, day, grouping, wholeDay, now);
          }
          return true;
        });
  }

  private static void store(
      Connection connection,
      LocalDate day,
      RecoveryGrouping grouping,
      List<Span> wholeDay,
      Instant now)
      throws SQLException {
    String sql =
        "insert into recovery_day_groups (day, grouping, key, currency, status, invoices,"
            + " recovered, amount_minor, recovered_amount_minor, retries, recovery_seconds)"
            + " select ?, ?, f.* from ("
            + CohortQuery.figures(grouping, wholeDay.size())
            + ") f";
    List<Object> parameters = new ArrayList<>(List.of(day, grouping.wireName()));
    parameters.addAll(CohortQuery.parameters(wholeDay, now));
    Rows.update(connection, sql, parameters.toArray());
  }

  /** The day's lock, exclusively, if no write to the day holds it. */
  private static boolean locked(Connection connection, LocalDate day) throws SQLException {
    return Rows.first(
            connection,
            "select pg_try_advisory_xact_lock(?, (?::date - date '2000-01-01'))",
            row -> row.getBoolean(1),
            LOCK_CLASS,
            day)
        .orElseThrow();
  }

  /** Whether the day is still unsummed and settled, now that writes to it wait. */
  private static boolean stillCandidate(Connection connection, LocalDate day, Instant now)
      throws SQLException {
    return Rows.first(
            connection,
            STILL_CANDIDATE,
            row -> true,
            CohortQuery.utc(CohortQuery.startOf(day)),
            CohortQuery.utc(now))
        .isPresent();
  }
}
