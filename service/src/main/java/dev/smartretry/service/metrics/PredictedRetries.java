package dev.smartretry.service.metrics;

import dev.smartretry.service.database.Rows;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The scheduler's executed retries with the probability the model gave their time: what the live
 * model's calibration is measured on. By attempt time, not by cohort: calibration is about when the
 * model predicted. Read through an index that carries the probability and the outcome.
 */
@Singleton
final class PredictedRetries {
  private final TransactionOperations<Connection> transactions;

  PredictedRetries(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * The retries of one week (of the attempt, UTC, keyed by its Monday) whose probability fell in
   * one bin, as sums that add up across weeks.
   *
   * @param bin 0 for probabilities below 1 / bins, up to bins - 1 (1 included)
   * @param logLossSum the sum of the retries' log losses
   */
  record Tally(
      String week, int bin, long retries, double predictedSum, long succeeded, double logLossSum) {}

  List<Tally> byWeekAndBin(Instant from, Instant to, int bins) {
    String succeeded = "(a.outcome = 'succeeded')";
    // A probability of exactly 0 or 1 would make an infinite loss; the model never gives one.
    String clamped = "least(greatest(a.predicted_probability, 1e-15), 1 - 1e-15)";
    // Grouped by the week's timestamp and written as text after: grouping by the text sorted it
    // by the locale's rules, three times slower over a month of retries.
    String sql =
        "select to_char(g.week, 'YYYY-MM-DD'), g.bin, g.retries, g.predicted, g.succeeded, g.loss"
            + " from (select date_trunc('week', a.attempted_at at time zone 'UTC') as week,"
            + " least(floor(a.predicted_probability * ?)::int, ? - 1) as bin, count(*) as retries,"
            + " sum(a.predicted_probability) as predicted, count(*) filter (where "
            + succeeded
            + ") as succeeded, sum(case when "
            + succeeded
            + " then -ln("
            + clamped
            + ") else -ln(1 - "
            + clamped
            + ") end) as loss"
            + " from attempts a where a.source = 'scheduler' and a.outcome is not null"
            + " and a.predicted_probability is not null"
            + " and a.attempted_at >= ? and a.attempted_at < ? group by 1, 2) g order by 1, 2";
    return transactions.executeRead(
        status ->
            Rows.list(
                status.getConnection(),
                sql,
                row ->
                    new Tally(
                        row.getString(1),
                        row.getInt(2),
                        row.getLong(3),
                        row.getDouble(4),
                        row.getLong(5),
                        row.getDouble(6)),
                bins,
                bins,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC)));
  }
}
