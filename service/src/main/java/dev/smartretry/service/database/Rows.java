package dev.smartretry.service.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads rows with plain JDBC: a query, its parameters and how one row becomes a value, and nothing
 * else for each store to write again (statements and result sets are always closed).
 */
public final class Rows {
  private Rows() {}

  /** How one row of a result becomes a value. */
  @FunctionalInterface
  public interface Mapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Every row of {@code sql}, in the query's order. */
  public static <T> List<T> list(
      Connection connection, String sql, Mapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      List<T> values = new ArrayList<>();
      while (rows.next()) {
        values.add(mapper.map(rows));
      }
      return values;
    }
  }

  /** The first row of {@code sql}, if there is one. */
  public static <T> Optional<T> first(
      Connection connection, String sql, Mapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet row = select.executeQuery()) {
      return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
    }
  }

  /** Runs {@code sql}, an insert, update or delete; how many rows it wrote. */
  public static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int index = 0; index < parameters.length; index++) {
        statement.setObject(index + 1, parameters[index]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
