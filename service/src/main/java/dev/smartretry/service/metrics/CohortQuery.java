package dev.smartretry.service.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query that counts a cohort from the plans themselves: the invoices whose first failure
 * (attempt 1) lies in some spans of time, managed plans and reported invoices alike, as rows of
 * {@link Figures} by a grouping's key, currency and status. The metrics ask it for the spans no
 * settled day covers; {@link RecoveryDays} asks it for one day, and stores the rows it gives. Every
 * table read carries the first failure's time, so a span is an index range on each.
 *
 * <p>A reported invoice still in recovery whose policy's deadline has passed counts as exhausted:
 * the billing system stopped reporting, and the policy allows no more retries.
 */
final class CohortQuery {
  // The spans, then (one parameter) now. A plan's retries so far are its current retry number
  // less the one not yet made (or, once recovered, none): attempts counted, not read.
  private static final String COHORT =
      " cohort as (select p.invoice_id, p.amount_minor, p.currency, p.card_brand, p.card_funding,"
          + " p.card_country, p.first_decline_code, p.first_failed_at, p.policy_name as policy,"
          + " p.arm, p.status, p.recovered_at,"
          + " p.retry_number - case when p.status = 'recovered' then 0 else 1 end as retries"
          + " from spans s join payment_plans p"
          + " on p.first_failed_at >= s.low and p.first_failed_at < s.high"
          + " union all select i.invoice_id, i.amount_minor, i.currency, i.card_brand,"
          + " i.card_funding, i.card_country, i.first_decline_code, i.first_failed_at,"
          + " i.policy_name, i.arm,"
          + " case when i.status = 'scheduled' and i.deadline <= ? then 'exhausted'"
          + " else i.status end,"
          + " i.recovered_at, i.retries_executed"
          + " from spans s join reported_invoices i"
          + " on i.first_failed_at >= s.low and i.first_failed_at < s.high)";
  private static final String SECONDS_TO_RECOVERY =
      "int4send(floor(extract(epoch from c.recovered_at - c.first_failed_at))::int)";

  private CohortQuery() {}

  /** A span of first failures, {@code from} inclusive, {@code to} exclusive. */
  record Span(Instant from, Instant to) {
    /** The UTC day {@code day}, midnight to midnight. */
    static Span ofDay(LocalDate day) {
      return new Span(startOf(day), startOf(day.plusDays(1)));
    }
  }

  /** The UTC midnight that starts {@code day}. */
  static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * One key, currency and status of the invoice, with the group's sums. Keys and currencies compare
   * in byte order (collation "C"): a locale's rules buy nothing for codes.
   *
   * @param recovered invoices recovered in the group: by one of its retries, for the groupings by
   *     retry
   * @param recoverySeconds the recovered invoices' times to recovery, packed ({@link
   *     RecoverySeconds}); null when none
   */
  record Figures(
      String key,
      String currency,
      String status,
      long invoices,
      long recovered,
      long amountMinor,
      long recoveredAmountMinor,
      long retries,
      byte[] recoverySeconds) {

    static Figures read(ResultSet row) throws SQLException {
      return new Figures(
          row.getString(1),
          row.getString(2),
          row.getString(3),
          row.getLong(4),
          row.getLong(5),
          row.getLong(6),
          row.getLong(7),
          row.getLong(8),
          row.getBytes(9));
    }
  }

  /**
   * The query of {@code grouping}'s figures over {@code spans} spans; its parameters are {@link
   * #parameters}. Its nine columns are those of {@link Figures}.
   */
  static String figures(RecoveryGrouping grouping, int spans) {
    String values =
        "with spans (low, high) as (values "
            + "(?::timestamptz, ?::timestamptz), ".repeat(spans - 1)
            + "(?::timestamptz, ?::timestamptz)),"
            + COHORT;
    if (!grouping.byRetry()) {
      return values
          + " select "
          + grouping.key()
          + " collate \"C\", c.currency collate \"C\", c.status, count(*),"
          + " count(*) filter (where c.status = 'recovered'), sum(c.amount_minor),"
          + " coalesce(sum(c.amount_minor) filter (where c.status = 'recovered'), 0),"
          + " sum(c.retries), string_agg("
          + SECONDS_TO_RECOVERY
          + ", ''::bytea) filter (where c.status = 'recovered')"
          + " from cohort c group by 1, 2, 3";
    }
    // Each invoice once per group, with its retries there and whether one of them recovered it.
    return values
        + ", members as (select r.invoice_id, "
        + grouping.key()
        + " collate \"C\" as key, count(*) as retries,"
        + " bool_or(r.outcome = 'succeeded') as recovered"
        + " from spans s join attempts r"
        + " on r.first_failed_at >= s.low and r.first_failed_at < s.high"
        + " where r.attempt_number > 1 and r.outcome is not null group by 1, 2)"
        + " select m.key, c.currency collate \"C\", c.status, count(*),"
        + " count(*) filter (where m.recovered), sum(c.amount_minor),"
        + " coalesce(sum(c.amount_minor) filter (where m.recovered), 0), sum(m.retries),"
        + " string_agg("
        + SECONDS_TO_RECOVERY
        + ", ''::bytea) filter (where m.recovered)"
        + " from members m join cohort c using (invoice_id) group by 1, 2, 3";
  }

  /** The parameters of {@link #figures}: each span's ends, then now. */
  static List<Object> parameters(List<Span> spans, Instant now) {
    List<Object> parameters = new ArrayList<>();
    for (Span span : spans) {
      parameters.add(utc(span.from()));
      parameters.add(utc(span.to()));
    }
    parameters.add(utc(now));
    return parameters;
  }

  /**
   * Settings for this transaction only. The planner cannot estimate a join over the union of plans
   * and reported invoices and guesses millions of rows, which turns on JIT compilation: a second
   * spent compiling a query that then runs in a tenth of that. The sorts of a cohort's groups fit
   * in memory at a cohort of a few hundred thousand invoices with 64 MB.
   */
  static void tune(Connection connection) throws SQLException {
    try (Statement settings = connection.createStatement()) {
      settings.execute("set local jit = off");
      settings.execute("set local work_mem = '64MB'");
      // Parallel workers each rebuild the cohort's CTEs: on a few cores, with a dashboard's
      // queries arriving together, they triple the work instead of dividing it.
      settings.execute("set local max_parallel_workers_per_gather = 0");
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
