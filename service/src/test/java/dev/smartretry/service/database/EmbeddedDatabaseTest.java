package dev.smartretry.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smartretry.service.Application;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service started as {@code main} starts it, with no database configured. */
class EmbeddedDatabaseTest {
  @TempDir Path dataDir;

  @BeforeEach
  void noDatabaseConfigured() {
    assumeTrue(
        System.getenv("DATASOURCES_DEFAULT_URL") == null,
        "DATASOURCES_DEFAULT_URL is set, so the service would use that database");
  }

  @Test
  void runsItsOwnPostgresWhoseDataSurvivesARestart() throws Exception {
    long migrations;
    try (RunningService first = RunningService.start(dataDir)) {
      assertThat(first.health()).containsEntry("status", "UP");
      migrations = first.count("select count(*) from flyway_schema_history where success");
      first.execute(
          "insert into policies (name, mode, max_retries, max_duration, min_interval, schedule,"
              + " final_action) values ('survivor', 'fixed', 3, 'P7D', 'PT1H', '[\"P2D\"]',"
              + " 'mark_uncollectible')");
    }

    try (RunningService second = RunningService.start(dataDir)) {
      assertThat(second.health()).containsEntry("status", "UP");
      assertThat(second.count("select count(*) from policies where name = 'survivor'"))
          .isEqualTo(1);
      // Migrated once, at the first start; the second found nothing to do.
      assertThat(second.count("select count(*) from flyway_schema_history")).isEqualTo(migrations);
    }
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
  }

  @Test
  void stopsTheServerThatAKilledRunLeftRunning() throws Exception {
    ProcessHandle leftover = killARunningServiceLeavingItsServer();
    assertThat(leftover.isAlive()).isTrue();

    try (RunningService next = RunningService.start(dataDir)) {
      assertThat(next.health()).containsEntry("status", "UP");
      assertThat(leftover.isAlive()).isFalse();
    }
  }

  /** Runs the service in a JVM of its own and kills it as kill -9 does; returns its postmaster. */
  private ProcessHandle killARunningServiceLeavingItsServer() throws Exception {
    Process service =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + EmbeddedDatabase.DATA_DIR_PROPERTY + "=" + dataDir,
                "-Dmicronaut.server.port=-1",
                Application.class.getName())
            .redirectErrorStream(true)
            .start();
    // Read as it is written: the line that says the service started is the event waited for.
    try (BufferedReader output = service.inputReader()) {
      StringBuilder before = new StringBuilder();
      String line;
      while ((line = output.readLine()) != null && !line.contains("Startup completed")) {
        before.append(line).append('\n');
      }
      assertThat(line).as("the service ended before it started:%n%s", before).isNotNull();
    } finally {
      service.destroyForcibly().waitFor();
    }
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0))).orElseThrow();
  }

  private record RunningService(ApplicationContext context, HttpClient client)
      implements AutoCloseable {
    static RunningService start(Path dataDir) {
      ApplicationContext context =
          Application.prepare(
                  Map.of(
                      EmbeddedDatabase.DATA_DIR_PROPERTY,
                      dataDir.toString(),
                      "micronaut.server.port",
                      -1))
              .build()
              .start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      return new RunningService(context, HttpClient.create(server.getURL()));
    }

    Map<String, Object> health() {
      return client
          .toBlocking()
          .retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
    }

    void execute(String sql) throws SQLException {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    long count(String sql) throws SQLException {
      try (Connection connection = connect();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        result.next();
        return result.getLong(1);
      }
    }

    /** A connection of the test's own, outside the service's transactions. */
    private Connection connect() throws SQLException {
      return DriverManager.getConnection(
          context.getRequiredProperty(EmbeddedDatabase.URL_PROPERTY, String.class),
          context.getRequiredProperty("datasources.default.username", String.class),
          "");
    }

    @Override
    public void close() {
      client.close();
      context.close();
    }
  }
}
