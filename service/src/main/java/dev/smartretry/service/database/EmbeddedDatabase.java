package dev.smartretry.service.database;

import io.micronaut.context.LifeCycle;
import io.micronaut.core.value.PropertyResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the service runs itself when no database is configured, so that one command starts
 * everything. Its data directory survives restarts; its port is chosen afresh at each start and
 * only this process is told about it.
 *
 * <p>It is a {@link LifeCycle} so that the context it is registered with stops it, after the
 * connection pool, when the service stops.
 */
public final class EmbeddedDatabase implements LifeCycle<EmbeddedDatabase> {
  /** Set, the service uses that PostgreSQL and starts none. */
  public static final String URL_PROPERTY = "datasources.default.url";

  /** Where the service keeps its local state; environment variable {@code SMART_RETRY_DATA_DIR}. */
  public static final String DATA_DIR_PROPERTY = "smart-retry.data-dir";

  /**
   * The data directory when {@link #DATA_DIR_PROPERTY} is not set: in the user's home, so that the
   * service finds its data again wherever it is started from (the start logs where it is).
   */
  public static final Path DEFAULT_DATA_DIR =
      Path.of(System.getProperty("user.home"), ".smart-retry");

  private static final String DATABASE = "smart_retry";
  private static final String SUPERUSER = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private volatile boolean running = true;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
    this.postgres = postgres;
    this.directory = directory;
  }

  /** Starts one unless {@link #URL_PROPERTY} is set. */
  public static Optional<EmbeddedDatabase> startUnlessConfigured(PropertyResolver settings) {
    if (settings
        .getProperty(URL_PROPERTY, String.class)
        .filter(url -> !url.isBlank())
        .isPresent()) {
      return Optional.empty();
    }
    Path dataDir =
        settings
            .getProperty(DATA_DIR_PROPERTY, String.class)
            .filter(dir -> !dir.isBlank())
            .map(Path::of)
            .orElse(DEFAULT_DATA_DIR);
    return Optional.of(start(dataDir.toAbsolutePath().normalize()));
  }

  /**
   * Starts PostgreSQL on {@code dataDir}/postgres, initialising it on first use, and creates the
   * service's database if it is missing. The server's own log goes to {@code dataDir}/postgres.log.
   */
  private static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres");
    Path serverLog = dataDir.resolve("postgres.log");
    EmbeddedDatabase database;
    try {
      Files.createDirectories(dataDir);
      database = new EmbeddedDatabase(startServer(directory, serverLog), directory);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the embedded PostgreSQL in " + directory + "; see " + serverLog, e);
    }
    try {
      database.createDatabaseIfMissing();
    } catch (SQLException e) {
      database.stop();
      throw new IllegalStateException(
          "Could not create the database " + DATABASE + " in the embedded PostgreSQL", e);
    }
    LOG.info(
        "No {} configured: using an embedded PostgreSQL on port {}; its data lives in {}"
            + " (server log: {})",
        URL_PROPERTY,
        database.postgres.getPort(),
        directory,
        serverLog);
    return database;
  }

  private static EmbeddedPostgres startServer(Path directory, Path serverLog) throws IOException {
    LeftoverPostmaster.stopIfAny(directory);
    return EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        // Zonky's default follows the machine's locale, which a container may not have.
        .setLocaleConfig("locale", "C")
        // Zonky turns this off for test speed; these records must survive a crash.
        .setServerConfig("synchronous_commit", "on")
        .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
        .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
        .start();
  }

  /** The settings that point the {@code default} datasource at this server. */
  public Map<String, Object> datasourceProperties() {
    return Map.of(
        URL_PROPERTY,
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE,
        "datasources.default.username",
        SUPERUSER);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public EmbeddedDatabase stop() {
    if (running) {
      running = false;
      try {
        postgres.close();
        LOG.info("Stopped the embedded PostgreSQL of {}", directory);
      } catch (IOException e) {
        LOG.warn("Could not stop the embedded PostgreSQL of {}", directory, e);
      }
    }
    return this;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet found = exists.executeQuery()) {
        if (found.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("create database " + DATABASE);
      }
    }
  }
}
