package dev.smartretry.history;

import dev.smartretry.SmartRetryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The history the service recorded: every attempt in its {@code attempts} table (the billing
 * system's registered ones, the scheduler's and the reported ones) as the invoices of a history
 * file, read through the same value rules as files, with the probability each scheduler's retry was
 * timed with (its selection probability; null for others, and before migration V12). Streamed: rows
 * come from the database in batches through a cursor, and each invoice is handed on as soon as its
 * last row is read, so memory stays flat in the number of rows. Plain JDBC; the caller brings the
 * driver and the connection.
 */
public final class StoredHistory {
  // Rows per round trip: large enough to keep the database busy, small enough to keep memory flat.
  private static final int FETCH_SIZE = 10_000;

  private static final String SELECT =
      "select invoice_id, customer_id, attempt_number, attempted_at, amount_minor, currency,"
          + " billing_interval, timezone, customer_tenure_days, card_brand, card_funding,"
          + " card_country, issuer_id, devices_24h, outcome, decline_code, selection_probability"
          + " from attempts where outcome is not null"
          + " and (?::timestamptz is null or first_failed_at >= ?::timestamptz)"
          + " and (?::timestamptz is null or first_failed_at < ?::timestamptz)"
          + " order by first_failed_at, invoice_id, attempt_number";

  private StoredHistory() {}

  /**
   * Hands every stored invoice whose first failure is in {@code [from, to)} to {@code sink}, in
   * order of first failure, each with its attempts that have an outcome (a call under way is left
   * out), oldest first.
   *
   * @param from null for no lower bound
   * @param to null for no upper bound
   * @param rowsRead told the number of rows read so far, now and then, for a progress bar
   * @return the number of rows (attempts) handed on
   * @throws SQLException if the database cannot be read
   * @throws SmartRetryException naming the invoice, if a stored row breaks the format's rules
   */
  public static long export(
      Connection connection,
      Instant from,
      Instant to,
      Consumer<Invoice> sink,
      LongConsumer rowsRead)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    // PostgreSQL streams a result through a cursor only inside a transaction.
    connection.setAutoCommit(false);
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setFetchSize(FETCH_SIZE);
      Timestamp start = from == null ? null : Timestamp.from(from);
      Timestamp end = to == null ? null : Timestamp.from(to);
      select.setTimestamp(1, start);
      select.setTimestamp(2, start);
      select.setTimestamp(3, end);
      select.setTimestamp(4, end);
      long rows = 0;
      try (ResultSet row = select.executeQuery()) {
        InvoiceRows current = null;
        while (row.next()) {
          String invoiceId = row.getString("invoice_id");
          if (current == null || !current.invoiceId.equals(invoiceId)) {
            if (current != null) {
              sink.accept(current.invoice());
            }
            current = new InvoiceRows(row);
          }
          current.add(row);
          rows++;
          if (rows % FETCH_SIZE == 0) {
            rowsRead.accept(rows);
          }
        }
        if (current != null) {
          sink.accept(current.invoice());
        }
      }
      rowsRead.accept(rows);
      connection.commit();
      return rows;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** One invoice's rows as they are read: its facts from the first, an attempt from each. */
  private static final class InvoiceRows {
    private final String invoiceId;
    private final String customerId;
    private final long amountMinor;
    private final String currency;
    private final BillingInterval interval;
    private final ZoneId timezone;
    private final OptionalInt tenure;
    private final Card card;
    private final List<Attempt> attempts = new ArrayList<>();

    InvoiceRows(ResultSet row) throws SQLException {
      invoiceId = row.getString("invoice_id");
      customerId = row.getString("customer_id");
      amountMinor = row.getLong("amount_minor");
      currency = known(ValueRules.CURRENCY, row.getString("currency"));
      interval = known(ValueRules.BILLING_INTERVAL, row.getString("billing_interval"));
      timezone = known(ValueRules.TIME_ZONE, row.getString("timezone"));
      tenure = optionalInt(row, "customer_tenure_days");
      card =
          new Card(
              known(ValueRules.CARD_BRAND, row.getString("card_brand")),
              known(ValueRules.CARD_FUNDING, row.getString("card_funding")),
              known(ValueRules.COUNTRY, row.getString("card_country")),
              Optional.ofNullable(row.getString("issuer_id")));
    }

    void add(ResultSet row) throws SQLException {
      Outcome outcome = known(ValueRules.OUTCOME, row.getString("outcome"));
      String code = row.getString("decline_code");
      attempts.add(
          new Attempt(
              row.getInt("attempt_number"),
              row.getTimestamp("attempted_at").toInstant(),
              outcome,
              outcome == Outcome.SUCCEEDED ? null : ValueRules.declineCode(code),
              optionalInt(row, "devices_24h"),
              optionalDouble(row, "selection_probability")));
    }

    Invoice invoice() {
      try {
        return new Invoice(
            invoiceId,
            customerId,
            amountMinor,
            currency,
            interval,
            timezone,
            tenure,
            card,
            attempts);
      } catch (IllegalArgumentException e) {
        throw new SmartRetryException(
            "The stored attempts of the invoice "
                + invoiceId
                + " break the history format: "
                + e.getMessage(),
            e);
      }
    }

    private <T> T known(ValueRule<T> rule, String text) {
      return rule.parse(Objects.requireNonNullElse(text, ""))
          .orElseThrow(
              () ->
                  new SmartRetryException(
                      "The invoice "
                          + invoiceId
                          + " is stored with a value that must be "
                          + rule.expectation()
                          + ": "
                          + text));
    }

    private static OptionalDouble optionalDouble(ResultSet row, String column) throws SQLException {
      double value = row.getDouble(column);
      return row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static OptionalInt optionalInt(ResultSet row, String column) throws SQLException {
      int value = row.getInt(column);
      return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
  }
}
