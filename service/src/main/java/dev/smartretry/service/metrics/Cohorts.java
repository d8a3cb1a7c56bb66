package dev.smartretry.service.metrics;

import dev.smartretry.service.database.Rows;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The recovery metrics' queries, all over one cohort: the invoices whose first failure (attempt 1)
 * is in the window, managed plans and reported invoices alike, with where each stands. Every table
 * read carries the first failure's time, so a window is an index range on each, without joins to
 * find it; aggregation happens in PostgreSQL and only groups come back.
 *
 * <p>A reported invoice still in recovery whose policy's deadline has passed counts as exhausted:
 * the billing system stopped reporting, and the policy allows no more retries.
 */
@Singleton
final class Cohorts {
  // Parameters: from, to, now, from, to. A plan's retries so far are its current retry number
  // less the one not yet made (or, once recovered, none): attempts counted, not read. (A retry
  // whose outcome came in after the plan was resolved is the one it misses.)
  private static final String COHORT =
      "with cohort as (select invoice_id, amount_minor, currency, card_brand, card_funding,"
          + " card_country, first_decline_code, first_failed_at, policy_name as policy, arm,"
          + " status, recovered_at,"
          + " retry_number - case when status = 'recovered' then 0 else 1 end as retries"
          + " from payment_plans where first_failed_at >= ? and first_failed_at < ?"
          + " union all select invoice_id, amount_minor, currency, card_brand, card_funding,"
          + " card_country, first_decline_code, first_failed_at, policy_name, arm,"
          + " case when status = 'scheduled' and deadline <= ? then 'exhausted' else status end,"
          + " recovered_at, retries_executed"
          + " from reported_invoices where first_failed_at >= ? and first_failed_at < ?)";
  // Over the CTE x of a group's members (key, currency, status, amount, retries, whether recovered
  // there, the times of the first failure and the recovery): the counts by group and currency,
  // which PostgreSQL can hash, and the medians, which need a sort, over recovered members only.
  // Keys and currencies compare in byte order (collation "C"): a locale's rules buy nothing for
  // codes and cost the sorts most of their time.
  private static final String FIGURES =
      ", counts as (select x.key,"
          + " case when grouping(x.currency) = 1 then null else x.currency end as currency,"
          + " count(*) as failed, count(*) filter (where x.recovered) as recovered,"
          + " count(*) filter (where x.status = 'scheduled') as in_recovery,"
          + " count(*) filter (where x.status = 'exhausted') as exhausted,"
          + " count(*) filter (where x.status = 'stopped') as stopped,"
          + " count(*) filter (where x.status = 'resolved') as resolved,"
          + " sum(x.amount_minor) as failed_amount,"
          + " coalesce(sum(x.amount_minor) filter (where x.recovered), 0) as recovered_amount,"
          + " sum(x.retries) as retries"
          + " from x group by grouping sets ((x.key, x.currency), (x.key))),"
          + " medians as (select x.key, percentile_cont(0.5) within group (order by "
          + hoursToRecovery("x")
          + ") as median"
          + " from x where x.recovered group by x.key)"
          + " select n.key, n.currency, n.failed, n.recovered, n.in_recovery, n.exhausted,"
          + " n.stopped, n.resolved, n.failed_amount, n.recovered_amount, n.retries,"
          + " case when n.currency is null then m.median end"
          + " from counts n left join medians m using (key)";
  private static final String HOURS_TO_RECOVERY = hoursToRecovery("c");

  private final TransactionOperations<Connection> transactions;

  Cohorts(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * One row of a grouped count.
   *
   * @param currency null on the row of the whole group, across currencies
   * @param medianHoursToRecovery null where nothing was recovered, and on rows of one currency
   */
  record GroupRow(
      String key,
      String currency,
      long failed,
      long recovered,
      long inRecovery,
      long exhausted,
      long stopped,
      long resolved,
      long failedAmount,
      long recoveredAmount,
      long retries,
      Double medianHoursToRecovery) {}

  /** The cohort's counts by {@code grouping}: a row per group and one per group and currency. */
  List<GroupRow> recovery(MetricsWindow window, RecoveryGrouping grouping, Instant now) {
    String sql;
    List<Object> parameters = cohortParameters(window, now);
    if (grouping.byRetry()) {
      // Each invoice once per group, with its retries there and whether one of them recovered it.
      sql =
          COHORT
              + ", members as (select r.invoice_id, "
              + grouping.key()
              + " collate \"C\" as key, count(*) as retries,"
              + " bool_or(r.outcome = 'succeeded') as recovered"
              + " from attempts r where r.first_failed_at >= ? and r.first_failed_at < ?"
              + " and r.attempt_number > 1 and r.outcome is not null group by 1, 2),"
              + " x as (select m.key, m.retries, m.recovered,"
              + " c.currency collate \"C\" as currency, c.status, c.amount_minor, c.recovered_at,"
              + " c.first_failed_at from members m join cohort c using (invoice_id))"
              + FIGURES;
      parameters.add(utc(window.from()));
      parameters.add(utc(window.to()));
    } else {
      sql =
          COHORT
              + ", x as (select "
              + grouping.key()
              + " collate \"C\" as key, c.currency collate \"C\" as currency,"
              + " c.amount_minor, c.retries, c.status, c.recovered_at, c.first_failed_at,"
              + " c.status = 'recovered' as recovered from cohort c)"
              + FIGURES;
    }
    return read(
        sql,
        row ->
            new GroupRow(
                row.getString(1),
                row.getString(2),
                row.getLong(3),
                row.getLong(4),
                row.getLong(5),
                row.getLong(6),
                row.getLong(7),
                row.getLong(8),
                row.getLong(9),
                row.getLong(10),
                row.getLong(11),
                nullableDouble(row, 12)),
        parameters);
  }

  /**
   * One arm of the control group, or one currency of it.
   *
   * @param currency null on the row of the whole arm
   */
  record ArmRow(String arm, String currency, long invoices, long recovered, long recoveredAmount) {}

  /** The cohort's final invoices by arm: what the uplift compares. */
  List<ArmRow> arms(MetricsWindow window, Instant now) {
    String sql =
        COHORT
            + " select c.arm, case when grouping(c.currency) = 1 then null else c.currency end,"
            + " count(*), count(*) filter (where c.status = 'recovered'),"
            + " coalesce(sum(c.amount_minor) filter (where c.status = 'recovered'), 0)"
            + " from cohort c where c.status <> 'scheduled'"
            + " group by grouping sets ((c.arm, c.currency), (c.arm))";
    return read(
        sql,
        row ->
            new ArmRow(
                row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5)),
        window,
        now);
  }

  /**
   * Recovered invoices by the hours their recovery took, in buckets of {@code bucketHours}.
   *
   * @param bucket the bucket's number: 0 for the first {@code bucketHours} after the failure
   */
  record BucketRow(int bucket, long recovered) {}

  List<BucketRow> hoursToRecovery(MetricsWindow window, int bucketHours, Instant now) {
    String sql =
        COHORT
            + " select floor("
            + HOURS_TO_RECOVERY
            + " / "
            + bucketHours
            + ")::int, count(*) from cohort c where c.status = 'recovered'"
            + " group by 1 order by 1";
    return read(sql, row -> new BucketRow(row.getInt(1), row.getLong(2)), window, now);
  }

  /** The median of the hours recovered invoices took; null when none was recovered. */
  Double medianHoursToRecovery(MetricsWindow window, Instant now) {
    String sql =
        COHORT
            + " select percentile_cont(0.5) within group (order by "
            + HOURS_TO_RECOVERY
            + ") from cohort c where c.status = 'recovered'";
    return read(sql, row -> nullableDouble(row, 1), window, now).get(0);
  }

  private <T> List<T> read(String sql, Rows.Mapper<T> mapper, MetricsWindow window, Instant now) {
    return read(sql, mapper, cohortParameters(window, now));
  }

  private <T> List<T> read(String sql, Rows.Mapper<T> mapper, List<Object> parameters) {
    return transactions.executeRead(
        status -> {
          tuned(status.getConnection());
          return Rows.list(status.getConnection(), sql, mapper, parameters.toArray());
        });
  }

  /**
   * Settings for this transaction only. The planner cannot estimate a join over the union of plans
   * and reported invoices and guesses millions of rows, which turns on JIT compilation: a second
   * spent compiling a query that then runs in a tenth of that. The sorts of a cohort's medians and
   * groups fit in memory at a cohort of a few hundred thousand invoices with 64 MB.
   */
  private static void tuned(Connection connection) throws SQLException {
    try (Statement settings = connection.createStatement()) {
      settings.execute("set local jit = off");
      settings.execute("set local work_mem = '64MB'");
      // Parallel workers each rebuild the cohort's CTEs: on a few cores, with a dashboard's
      // queries arriving together, they triple the work instead of dividing it.
      settings.execute("set local max_parallel_workers_per_gather = 0");
    }
  }

  private static List<Object> cohortParameters(MetricsWindow window, Instant now) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(utc(window.from()));
    parameters.add(utc(window.to()));
    parameters.add(utc(now));
    parameters.add(utc(window.from()));
    parameters.add(utc(window.to()));
    return parameters;
  }

  private static Double nullableDouble(ResultSet row, int column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /** The hours from the first failure to the recovery of the rows named {@code alias}. */
  private static String hoursToRecovery(String alias) {
    return "extract(epoch from "
        + alias
        + ".recovered_at - "
        + alias
        + ".first_failed_at) / 3600.0";
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
