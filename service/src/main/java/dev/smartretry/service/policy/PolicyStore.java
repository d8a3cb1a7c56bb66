package dev.smartretry.service.policy;

import dev.smartretry.planner.RetryPolicy.Mode;
import dev.smartretry.service.database.CachedRead;
import dev.smartretry.service.database.Rows;
import dev.smartretry.service.database.TableChanges;
import dev.smartretry.service.problem.ServiceProblem;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored policies. Decisions look them up in memory, loaded again whenever {@link TableChanges}
 * says the table may have changed: at once after a change through this instance, as soon as the
 * notification arrives after a change anywhere else. Everything else reads the database.
 */
@Singleton
public final class PolicyStore {
  private static final String COLUMNS =
      "name, mode, max_retries, max_duration, min_interval, schedule::text, final_action,"
          + " grace_period, control_share";
  // PostgreSQL's error for a row still referenced by a foreign key.
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final TransactionOperations<Connection> transactions;
  private final JsonMapper json;
  private final Clock clock;
  private final TableChanges changes;
  private final CachedRead<Map<String, Policy>> byName;

  PolicyStore(
      TransactionOperations<Connection> transactions,
      JsonMapper json,
      Clock clock,
      TableChanges changes) {
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
    this.changes = changes;
    this.byName =
        new CachedRead<>(
            changes::generation,
            changes.outage(),
            () ->
                all().stream()
                    .collect(Collectors.toUnmodifiableMap(Policy::name, policy -> policy)));
  }

  /** The policy stored as {@code name}, as it is now. */
  public Optional<Policy> find(String name) {
    return Optional.ofNullable(byName.get().get(name));
  }

  /** The names of every stored policy. */
  public Set<String> names() {
    return transactions.executeRead(
        status ->
            new LinkedHashSet<>(
                Rows.list(
                    status.getConnection(), "select name from policies", row -> row.getString(1))));
  }

  /** Every policy, by name; in byte order, whatever the database's collation. */
  List<Policy> all() {
    return transactions.executeRead(
        status ->
            Rows.list(
                status.getConnection(),
                "select " + COLUMNS + " from policies order by name collate \"C\"",
                this::policy));
  }

  /**
   * Stores {@code policy}, replacing the one of the same name.
   *
   * @return whether it was created rather than replaced
   */
  boolean save(Policy policy) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return changes.write(
        status -> {
          try (PreparedStatement upsert =
              status
                  .getConnection()
                  .prepareStatement(
                      "insert into policies (name, mode, max_retries, max_duration, min_interval,"
                          + " schedule, final_action, grace_period, control_share, created_at,"
                          + " updated_at) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                          + " on conflict (name) do update set mode = excluded.mode,"
                          + " max_retries = excluded.max_retries,"
                          + " max_duration = excluded.max_duration,"
                          + " min_interval = excluded.min_interval,"
                          + " schedule = excluded.schedule, final_action = excluded.final_action,"
                          + " grace_period = excluded.grace_period,"
                          + " control_share = excluded.control_share,"
                          + " updated_at = excluded.updated_at"
                          // xmax is zero only in a row version that an insert created.
                          + " returning xmax = 0")) {
            upsert.setString(1, policy.name());
            upsert.setString(2, PolicyJson.modeName(policy.mode()));
            upsert.setInt(3, policy.maxRetries());
            upsert.setString(4, policy.maxDuration().text());
            upsert.setString(5, policy.minInterval().text());
            upsert.setString(6, scheduleJson(policy));
            upsert.setString(7, policy.finalAction().wireName());
            upsert.setString(8, policy.gracePeriod().text());
            upsert.setDouble(9, policy.controlShare());
            upsert.setObject(10, now);
            upsert.setObject(11, now);
            try (ResultSet created = upsert.executeQuery()) {
              created.next();
              return created.getBoolean(1);
            }
          }
        });
  }

  /**
   * Deletes the policy {@code name}.
   *
   * @throws ServiceProblem 404 if there is none; 409 if it is the default policy or a routing rule
   *     sends invoices to it
   */
  void delete(String name) {
    if (Policy.DEFAULT_NAME.equals(name)) {
      throw ServiceProblem.conflict("The default policy always exists; it cannot be deleted.");
    }
    changes.write(
        status -> {
          Connection connection = status.getConnection();
          Optional<String> rule = firstRuleUsing(connection, name);
          if (rule.isPresent()) {
            throw inUse(
                name, "the routing rule " + rule.get() + " uses it; change the rules first");
          }
          Optional<String> plan = firstScheduledPlanUsing(connection, name);
          if (plan.isPresent()) {
            throw inUse(
                name,
                "the plan of "
                    + plan.get()
                    + " and perhaps others still retry under it; resolve them, or wait until they"
                    + " end");
          }
          try (PreparedStatement delete =
              connection.prepareStatement("delete from policies where name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw ServiceProblem.notFound("There is no policy named " + name + ".");
            }
          } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
              // A rule naming it was stored since the check above.
              throw inUse(name, "a routing rule uses it; change the rules first");
            }
            throw e;
          }
          return null;
        });
  }

  private static Optional<String> firstRuleUsing(Connection connection, String policy)
      throws SQLException {
    return Rows.first(
        connection,
        "select name from policy_rules where policy = ? order by position limit 1",
        row -> row.getString(1),
        policy);
  }

  /**
   * A plan that still retries under the policy, as it is at each decision. Read here rather than
   * through the plans' repository so that policies need not know plans; a plan registered while the
   * policy is being deleted goes on with the policy as it last applied it.
   */
  private static Optional<String> firstScheduledPlanUsing(Connection connection, String policy)
      throws SQLException {
    return Rows.first(
        connection,
        "select invoice_id from payment_plans where policy_name = ? and not policy_inline"
            + " and status = 'scheduled' limit 1",
        row -> row.getString(1),
        policy);
  }

  private static ServiceProblem inUse(String policy, String reason) {
    return ServiceProblem.conflict("The policy " + policy + " cannot be deleted: " + reason + ".");
  }

  private Policy policy(ResultSet row) throws SQLException {
    return new Policy(
        row.getString("name"),
        Mode.valueOf(row.getString("mode").toUpperCase(Locale.ROOT)),
        row.getInt("max_retries"),
        IsoDuration.parse(row.getString("max_duration")),
        IsoDuration.parse(row.getString("min_interval")),
        schedule(row.getString("schedule")),
        FinalAction.fromWireName(row.getString("final_action"))
            .orElseThrow(() -> new IllegalStateException("Unknown final_action in the database")),
        IsoDuration.parseAllowingZero(row.getString("grace_period")),
        row.getDouble("control_share"));
  }

  private List<IsoDuration> schedule(String jsonArray) {
    try {
      return json.readValue(jsonArray, Argument.listOf(String.class)).stream()
          .map(IsoDuration::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("The database holds a schedule that is not a JSON array", e);
    }
  }

  private String scheduleJson(Policy policy) {
    try {
      return json.writeValueAsString(policy.schedule().stream().map(IsoDuration::text).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
