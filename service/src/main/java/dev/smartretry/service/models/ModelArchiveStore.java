package dev.smartretry.service.models;

import dev.smartretry.service.database.Rows;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The model archives in the database ({@code model_archives}, migration V11), from which every
 * instance can load a version that is on no disk of its own. An archive is stored once per version
 * and never changed: the version ends with its classifier's checksum, so the same version is the
 * same model.
 */
@Singleton
final class ModelArchiveStore {
  private final TransactionOperations<Connection> transactions;

  ModelArchiveStore(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Stores {@code archive} for {@code version}, whose row must exist, unless one is stored. */
  void store(Connection connection, String version, ModelArchiveBytes archive, Instant at)
      throws SQLException {
    Rows.update(
        connection,
        "insert into model_archives (version, archive, sha256, stored_at)"
            + " values (?, ?, ?, ?) on conflict (version) do nothing",
        version,
        archive.content(),
        archive.sha256(),
        OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  /** The archive stored for {@code version}, if any. */
  Optional<byte[]> find(String version) {
    return transactions.executeRead(
        status ->
            Rows.first(
                status.getConnection(),
                "select archive from model_archives where version = ?",
                row -> row.getBytes("archive"),
                version));
  }

  boolean has(String version) {
    return transactions.executeRead(
        status ->
            Rows.first(
                    status.getConnection(),
                    "select 1 from model_archives where version = ?",
                    row -> true,
                    version)
                .isPresent());
  }
}
