package dev.smartretry.service.routing;

import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.service.database.CachedRead;
import dev.smartretry.service.database.Rows;
import dev.smartretry.service.database.TableChanges;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The stored routing rules, in order; kept in memory while they do not change, as policies are. */
@Singleton
final class RoutingRuleStore {
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final TransactionOperations<Connection> transactions;
  private final JsonMapper json;
  private final TableChanges changes;
  private final CachedRead<List<RoutingRule>> rules;

  RoutingRuleStore(
      TransactionOperations<Connection> transactions, JsonMapper json, TableChanges changes) {
    this.transactions = transactions;
    this.json = json;
    this.changes = changes;
    this.rules = new CachedRead<>(changes::generation, changes.outage(), this::read);
  }

  List<RoutingRule> all() {
    return rules.get();
  }

  private List<RoutingRule> read() {
    return transactions
        .executeRead(
            status ->
                Rows.list(
                    status.getConnection(),
                    "select name, policy, billing_interval, amount_min, amount_max,"
                        + " currency, card_brand, card_funding, card_country, metadata::text"
                        + " from policy_rules order by position",
                    this::rule))
        .stream()
        .toList();
  }

  /**
   * Replaces the whole list in one transaction: readers see the old list or the new one, never a
   * mix, and a failure leaves the old one.
   *
   * @throws ServiceProblem 409 if a policy a rule names was deleted since the rules were checked
   */
  void replaceAll(List<RoutingRule> rules) {
    changes.write(
        status -> {
          Connection connection = status.getConnection();
          try (Statement statement = connection.createStatement()) {
            // Two replacements at once would otherwise both delete the old rows and both insert,
            // leaving a mix. Plain reads are not blocked by this mode.
            statement.execute("lock table policy_rules in exclusive mode");
            statement.execute("delete from policy_rules");
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into policy_rules (position, name, policy, billing_interval, amount_min,"
                      + " amount_max, currency, card_brand, card_funding, card_country, metadata)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            for (int position = 0; position < rules.size(); position++) {
              bind(insert, position, rules.get(position));
              insert.addBatch();
            }
            insert.executeBatch();
          } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
              throw ServiceProblem.conflict(
                  "A policy the rules name was deleted while they were being saved;"
                      + " the rules were not changed.");
            }
            throw e;
          }
          return null;
        });
  }

  private void bind(PreparedStatement insert, int position, RoutingRule rule) throws SQLException {
    RuleConditions when = rule.when();
    insert.setInt(1, position);
    insert.setString(2, rule.name());
    insert.setString(3, rule.policy());
    insert.setString(4, wireName(when.billingInterval(), BillingInterval::wireName));
    setLong(insert, 5, when.amountMin());
    setLong(insert, 6, when.amountMax());
    insert.setString(7, when.currency());
    insert.setString(8, wireName(when.cardBrand(), CardBrand::wireName));
    insert.setString(9, wireName(when.cardFunding(), CardFunding::wireName));
    insert.setString(10, when.cardCountry());
    insert.setString(11, metadataJson(when.metadata()));
  }

  private RoutingRule rule(ResultSet row) throws SQLException {
    RuleConditions when =
        new RuleConditions(
            parse(row.getString("billing_interval"), BillingInterval::fromWireName),
            getLong(row, "amount_min"),
            getLong(row, "amount_max"),
            row.getString("currency"),
            parse(row.getString("card_brand"), CardBrand::fromWireName),
            parse(row.getString("card_funding"), CardFunding::fromWireName),
            row.getString("card_country"),
            metadata(row.getString("metadata")));
    return new RoutingRule(row.getString("name"), row.getString("policy"), when);
  }

  private static <E> @Nullable String wireName(@Nullable E value, Function<E, String> name) {
    return value == null ? null : name.apply(value);
  }

  private static <E> @Nullable E parse(
      @Nullable String wireName, Function<String, Optional<E>> parse) {
    if (wireName == null) {
      return null;
    }
    return parse
        .apply(wireName)
        .orElseThrow(() -> new IllegalStateException("The database holds an unknown value"));
  }

  private static void setLong(PreparedStatement statement, int index, @Nullable Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  private static @Nullable Long getLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private Map<String, String> metadata(String jsonObject) {
    try {
      return json.readValue(jsonObject, Argument.mapOf(String.class, String.class));
    } catch (IOException e) {
      throw new UncheckedIOException("The database holds metadata that is not a JSON object", e);
    }
  }

  private String metadataJson(Map<String, String> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
