package dev.smartretry.service.metrics;

import dev.smartretry.service.database.Rows;
import dev.smartretry.service.metrics.CohortQuery.Figures;
import dev.smartretry.service.metrics.CohortQuery.Span;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's cohort, read in two parts that add up: the settled days it covers whole, summed once
 * by {@link RecoveryDays}, and everything else (the days still moving and the window's partial
 * edges) counted from the plans by {@link CohortQuery}. Both parts come from one snapshot, so a day
 * that settles or changes meanwhile counts once, in one of them.
 */
@Singleton
final class Cohorts {
  private static final String SETTLED_DAYS =
      "select day from recovery_days where day >= ? and day < ? order by day";

  private final TransactionOperations<Connection> transactions;

  Cohorts(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * The window's figures by {@code grouping}. A key, currency and status may come in several rows
   * (settled days and the rest); their sums add up.
   */
  List<Figures> figures(MetricsWindow window, RecoveryGrouping grouping, Instant now) {
    return transactions.executeRead(
        status -> {
          Connection connection = status.getConnection();
          try (Statement snapshot = connection.createStatement()) {
            snapshot.execute("set transaction isolation level repeatable read");
          }
          CohortQuery.tune(connection);
          LocalDate firstDay = firstWholeDay(window.from());
          LocalDate endDay = LocalDate.ofInstant(window.to(), ZoneOffset.UTC);
          List<LocalDate> settled =
              firstDay.isBefore(endDay)
                  ? Rows.list(
                      connection,
                      SETTLED_DAYS,
                      row -> row.getObject(1, LocalDate.class),
                      firstDay,
                      endDay)
                  : List.of();
          List<Figures> figures = new ArrayList<>();
          if (!settled.isEmpty()) {
            figures.addAll(storedFigures(connection, grouping, firstDay, endDay));
          }
          List<Span> moving = unsettled(window, settled);
          if (!moving.isEmpty()) {
            figures.addAll(
                Rows.list(
                    connection,
                    CohortQuery.figures(grouping, moving.size()),
                    Figures::read,
                    CohortQuery.parameters(moving, now).toArray()));
          }
          return figures;
        });
  }

  private static List<Figures> storedFigures(
      Connection connection, RecoveryGrouping grouping, LocalDate firstDay, LocalDate endDay)
      throws SQLException {
    String sql =
        "select "
            + grouping.storedKey()
            + " collate \"C\", d.currency, d.status, sum(d.invoices), sum(d.recovered),"
            + " sum(d.amount_minor), sum(d.recovered_amount_minor), sum(d.retries),"
            + " string_agg(d.recovery_seconds, ''::bytea)"
            + " from recovery_day_groups d where d.grouping = ? and d.day >= ? and d.day < ?"
            + " group by 1, 2, 3";
    return Rows.list(
        connection, sql, Figures::read, grouping.stored().wireName(), firstDay, endDay);
  }

  /** The parts of the window that {@code settled} (ascending days inside it) leave uncovered. */
  static List<Span> unsettled(MetricsWindow window, List<LocalDate> settled) {
    List<Span> spans = new ArrayList<>();
    Instant cursor = window.from();
    for (LocalDate day : settled) {
      Span whole = Span.ofDay(day);
      if (cursor.isBefore(whole.from())) {
        spans.add(new Span(cursor, whole.from()));
      }
      cursor = whole.to();
    }
    if (cursor.isBefore(window.to())) {
      spans.add(new Span(cursor, window.to()));
    }
    return spans;
  }

  /** The first UTC day that begins at or after {@code instant}. */
  private static LocalDate firstWholeDay(Instant instant) {
    LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
    return CohortQuery.startOf(day).equals(instant) ? day : day.plusDays(1);
  }
}
