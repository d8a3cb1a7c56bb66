package dev.smartretry.service.models;

import dev.smartretry.model.ModelDescription;
import dev.smartretry.model.ModelManifest;
import dev.smartretry.service.database.Rows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The recorded model versions ({@code model_versions}). Several instances of the service may share
 * the table: registering is an idempotent upsert, and activations take turns on a table lock.
 */
@Singleton
final class ModelVersionStore {
  private static final String COLUMNS =
      "version, source, algorithm, trained_at, roc_auc, log_loss, brier, registered_at,"
          + " activated_at, active";
  private static final String INSERT =
      "insert into model_versions (version, source, algorithm, trained_at, roc_auc, log_loss,"
          + " brier, registered_at) values (?, ?, ?, ?, ?, ?, ?, ?)";

  private final TransactionOperations<Connection> transactions;
  private final ModelArchiveStore archives;
  private final Clock clock;

  ModelVersionStore(
      TransactionOperations<Connection> transactions, ModelArchiveStore archives, Clock clock) {
    this.transactions = transactions;
    this.archives = archives;
    this.clock = clock;
  }

  /**
   * Records every model in {@code models} that is not recorded yet. A recorded one is left as it is
   * while its source is still one of the places the model was found, so that instances finding a
   * version in different places do not keep rewriting its row; otherwise its row is rewritten with
   * the preferred source (the directory moved, or its instance's disk is not this one's).
   */
  void register(Collection<KnownModel> models) {
    // The same order in every instance: concurrent registrations then lock rows in the same
    // order and cannot deadlock.
    List<KnownModel> ordered =
        models.stream().sorted(Comparator.comparing(KnownModel::version)).toList();
    Instant now = clock.instant();
    transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  INSERT
                      + " on conflict (version) do update set source = excluded.source,"
                      + " algorithm = excluded.algorithm, trained_at = excluded.trained_at,"
                      + " roc_auc = excluded.roc_auc, log_loss = excluded.log_loss,"
                      + " brier = excluded.brier"
                      + " where not (model_versions.source = any (?))")) {
            for (KnownModel model : ordered) {
              bindInsert(upsert, model, now);
              Object[] sources = model.sources().stream().map(ModelSource::name).toArray();
              upsert.setArray(9, connection.createArrayOf("text", sources));
              upsert.addBatch();
            }
            upsert.executeBatch();
          }
          return null;
        });
  }

  /** Every recorded version, the most recently trained first. */
  List<ModelVersion> all() {
    return transactions.executeRead(
        status ->
            Rows.list(
                status.getConnection(),
                "select "
                    + COLUMNS
                    + " from model_versions order by trained_at desc nulls last, version desc",
                ModelVersionStore::version));
  }

  /** The version activated last, by any instance; empty if none is. */
  Optional<ModelVersion> active() {
    return transactions.executeRead(
        status ->
            Rows.first(
                status.getConnection(),
                "select " + COLUMNS + " from model_versions where active",
                ModelVersionStore::version));
  }

  /**
   * Records an uploaded model and its archive in one transaction, unless the version is recorded
   * already; then its archive is added if it has none.
   *
   * @return whether the version was new
   */
  boolean registerUpload(KnownModel model, ModelArchiveBytes archive) {
    Instant now = clock.instant();
    return transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          int inserted;
          try (PreparedStatement insert =
              connection.prepareStatement(INSERT + " on conflict (version) do nothing")) {
            bindInsert(insert, model, now);
            inserted = insert.executeUpdate();
          }
          archives.store(connection, model.version(), archive, now);
          return inserted == 1;
        });
  }

  Optional<ModelVersion> find(String version) {
    return transactions.executeRead(
        status ->
            Rows.first(
                status.getConnection(),
                "select " + COLUMNS + " from model_versions where version = ?",
                ModelVersionStore::version,
                version));
  }

  /**
   * Records {@code model} as the active version, in one transaction: registered if it is not yet,
   * its archive stored if one is given, the previous active version cleared, this one set. Already
   * active, it stays as it was, its activation time included. Every instance is notified at commit
   * (migration V11) and follows.
   *
   * @param archive the model's archive, for the instances that cannot find it on their own disks
   */
  void activate(KnownModel model, Instant at, Optional<ModelArchiveBytes> archive) {
    transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          lockActivations(connection);
          try (PreparedStatement insert =
              connection.prepareStatement(INSERT + " on conflict (version) do nothing")) {
            bindInsert(insert, model, at);
            insert.executeUpdate();
          }
          if (archive.isPresent()) {
            archives.store(connection, model.version(), archive.get(), at);
          }
          Rows.update(
              connection,
              "update model_versions set active = false where active and version <> ?",
              model.version());
          Rows.update(
              connection,
              "update model_versions set active = true, activated_at = ?"
                  + " where version = ? and not active",
              OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
              model.version());
          return null;
        });
  }

  /**
   * Records that no version is active: an instance started without a model ({@code
   * SMART_RETRY_MODEL=none}). The other instances keep what they serve.
   */
  void clearActive() {
    transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          lockActivations(connection);
          Rows.update(connection, "update model_versions set active = false where active");
          return null;
        });
  }

  /**
   * Makes activations, from any instance, take turns until this transaction ends. Without it, two
   * could each clear the row active before either committed, and then both set theirs: the second
   * commit would break the one-active index. The mode blocks itself and writes, not reads.
   */
  private static void lockActivations(Connection connection) throws SQLException {
    try (Statement lock = connection.createStatement()) {
      lock.execute("lock table model_versions in share row exclusive mode");
    }
  }

  private static void bindInsert(PreparedStatement insert, KnownModel model, Instant now)
      throws SQLException {
    ModelDescription description = model.description();
    ModelManifest manifest = description.manifest();
    insert.setString(1, model.version());
    insert.setString(2, model.preferredSource().name());
    insert.setString(3, manifest.algorithm());
    setInstant(insert, 4, trainedAt(manifest));
    setFigure(insert, 5, description.validation("roc_auc"));
    setFigure(insert, 6, description.validation("log_loss"));
    setFigure(insert, 7, description.validation("brier"));
    setInstant(insert, 8, now);
  }

  /** The manifest's {@code created_at}; null if it is missing or not an ISO-8601 instant. */
  private static @Nullable Instant trainedAt(ModelManifest manifest) {
    if (manifest.createdAt() == null) {
      return null;
    }
    try {
      return Instant.parse(manifest.createdAt());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A validation figure; {@link ModelDescription#validation} says NaN for a missing one. */
  private static void setFigure(PreparedStatement statement, int index, double figure)
      throws SQLException {
    if (Double.isFinite(figure)) {
      statement.setDouble(index, figure);
    } else {
      statement.setNull(index, Types.DOUBLE);
    }
  }

  private static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  private static ModelVersion version(ResultSet row) throws SQLException {
    return new ModelVersion(
        row.getString("version"),
        row.getString("source"),
        row.getString("algorithm"),
        getInstant(row, "trained_at"),
        getDouble(row, "roc_auc"),
        getDouble(row, "log_loss"),
        getDouble(row, "brier"),
        getInstant(row, "registered_at"),
        getInstant(row, "activated_at"),
        row.getBoolean("active"));
  }

  private static @Nullable Instant getInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static @Nullable Double getDouble(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }
}
