package dev.smartretry.service.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL the service's tests run against, one per test run and shared by every test: a
 * fresh database on the PostgreSQL at 127.0.0.1:5432 (user postgres, no password) when one answers
 * there, else on an embedded PostgreSQL started for the run. The database is dropped, or the
 * embedded server stopped, when the JVM exits.
 */
public final class TestDatabase {
  private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = "postgres";
  private static TestDatabase shared;

  private final String serverUrl;
  private final String name;

  private TestDatabase(String serverUrl, String name) {
    this.serverUrl = serverUrl;
    this.name = name;
  }

  /** The run's database, created on first use. */
  public static synchronized TestDatabase shared() {
    if (shared == null) {
      shared = create();
    }
    return shared;
  }

  /**
   * A database of its own, for tests that must see only their own plans: the scheduler of every
   * service on the shared database would take up due retries of any test.
   */
  public static TestDatabase fresh() {
    TestDatabase shared = shared();
    String name = "smart_retry_test_" + UUID.randomUUID().toString().replace("-", "");
    TestDatabase database = new TestDatabase(shared.serverUrl, name);
    database.executeOnServer("create database " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
    return database;
  }

  /** The settings that point the service's {@code default} datasource at this database. */
  public Map<String, String> datasourceProperties() {
    return Map.of("datasources.default.url", url(), "datasources.default.username", USER);
  }

  public String url() {
    return serverUrl + name;
  }

  /** A connection of its own, to check what the service stored. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  private static TestDatabase create() {
    String name = "smart_retry_test_" + UUID.randomUUID().toString().replace("-", "");
    if (localServerAnswers()) {
      TestDatabase database = new TestDatabase(LOCAL_SERVER, name);
      database.executeOnServer("create database " + name);
      Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
      return database;
    }
    // Zonky stops it and deletes its directory when the JVM exits.
    EmbeddedPostgres postgres = startEmbedded();
    TestDatabase database =
        new TestDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/", name);
    database.executeOnServer("create database " + name);
    return database;
  }

  private static boolean localServerAnswers() {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", "2");
    try (Connection ignored = DriverManager.getConnection(LOCAL_SERVER + "postgres", properties)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static EmbeddedPostgres startEmbedded() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("No PostgreSQL at 127.0.0.1:5432 and no embedded one", e);
    }
  }

  /** The single number {@code sql} selects, e.g. a {@code count(*)}, read in this database. */
  public long count(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run " + sql, e);
    }
  }

  /** Runs {@code sql} in this database: a change made by hand, behind the service's back. */
  public void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run " + sql, e);
    }
  }

  /**
   * Runs {@code sql} on the server, outside this database: to take the database away from the
   * service and give it back, as an outage would.
   */
  public void executeOnServer(String sql) {
    try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run on " + serverUrl + ": " + sql, e);
    }
  }

  public String name() {
    return name;
  }

  private void drop() {
    try {
      executeOnServer("drop database " + name + " with (force)");
    } catch (IllegalStateException e) {
      System.err.println("Could not drop the test database " + name + ": " + e.getCause());
    }
  }
}
