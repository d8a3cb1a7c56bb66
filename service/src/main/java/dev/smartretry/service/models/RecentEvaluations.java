package dev.smartretry.service.models;

import dev.smartretry.evaluation.ModelEvaluation;
import dev.smartretry.history.StoredHistory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.scoring.ScoreSummary;
import dev.smartretry.service.database.Rows;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model version scored on the same recent window of what the service recorded, so that {@code
 * GET /v1/models} compares versions side by side: the validation figures {@code train} wrote come
 * each from its own history and cannot be compared.
 *
 * <p>The window is the {@value #DAYS} whole days (UTC) before today on the service's clock, by the
 * invoices' first failure, so the figures hold for a day: each instance scores a version once per
 * day, all versions in one read of the window, and keeps the figures until the window moves. A
 * version this instance cannot load has none.
 */
@Singleton
final class RecentEvaluations {
  static final int DAYS = 28;
  private static final Logger LOG = LoggerFactory.getLogger(RecentEvaluations.class);

  private final TransactionOperations<Connection> transactions;
  private final DataSource dataSource;
  private final ModelCatalog catalog;
  private final ModelLoader loader;
  private final Clock clock;
  // By window start, then version: an older window's figures are dropped when it moves.
  private final Map<Instant, Map<String, Optional<RecentEvaluation>>> kept =
      new ConcurrentHashMap<>();

  RecentEvaluations(
      TransactionOperations<Connection> transactions,
      DataSource dataSource,
      DataSourceResolver resolver,
      ModelCatalog catalog,
      ModelLoader loader,
      Clock clock) {
    this.transactions = transactions;
    // The pool itself: the injected data source hands out the current transaction's connection.
    this.dataSource = resolver.resolve(dataSource);
    this.catalog = catalog;
    this.loader = loader;
    this.clock = clock;
  }

  /** One version's figures on the window. */
  record RecentEvaluation(
      Instant from, Instant to, long retries, double rocAuc, double logLoss, double brier) {}

  /** The figures of each of {@code versions} that has any (a version without is absent). */
  synchronized Map<String, RecentEvaluation> of(List<ModelVersion> versions) {
    Instant to = clock.instant().truncatedTo(ChronoUnit.DAYS);
    Instant from = to.minus(Duration.ofDays(DAYS));
    kept.keySet().removeIf(start -> !start.equals(from));
    Map<String, Optional<RecentEvaluation>> window =
        kept.computeIfAbsent(from, start -> new ConcurrentHashMap<>());
    List<String> missing =
        versions.stream().map(ModelVersion::version).filter(v -> !window.containsKey(v)).toList();
    if (!missing.isEmpty()) {
      window.putAll(score(missing, from, to));
    }
    Map<String, RecentEvaluation> figures = new HashMap<>();
    for (ModelVersion version : versions) {
      window
          .getOrDefault(version.version(), Optional.empty())
          .ifPresent(evaluation -> figures.put(version.version(), evaluation));
    }
    return figures;
  }

  private Map<String, Optional<RecentEvaluation>> score(
      List<String> versions, Instant from, Instant to) {
    Map<String, Optional<RecentEvaluation>> scored = new HashMap<>();
    versions.forEach(version -> scored.put(version, Optional.empty()));
    if (retries(from, to) == 0) {
      return scored;
    }
    List<String> loadedVersions = new ArrayList<>();
    List<RetryModel> models = new ArrayList<>();
    for (String version : versions) {
      try {
        models.add(loader.load(catalog.locate(version)));
        loadedVersions.add(version);
      } catch (RuntimeException e) {
        LOG.info(
            "Model version {} is not scored on the recent window: {}", version, e.getMessage());
      }
    }
    if (models.isEmpty()) {
      return scored;
    }
    List<ScoreSummary> summaries;
    // A connection of its own: the export streams through a cursor in a transaction it commits.
    try (Connection connection = dataSource.getConnection()) {
      summaries =
          ModelEvaluation.score(
              models,
              sink -> {
                try {
                  StoredHistory.export(connection, from, to, sink, rows -> {});
                } catch (SQLException e) {
                  throw new IllegalStateException("Could not read the recorded history", e);
                }
              });
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the recorded history", e);
    }
    for (int index = 0; index < models.size(); index++) {
      ScoreSummary summary = summaries.get(index);
      if (summary.count() > 0) {
        scored.put(
            loadedVersions.get(index),
            Optional.of(
                new RecentEvaluation(
                    from,
                    to,
                    summary.count(),
                    summary.rocAuc(),
                    summary.logLoss(),
                    summary.brier())));
      }
    }
    return scored;
  }

  /** Retries with an outcome in the window: none, and no model needs loading. */
  private long retries(Instant from, Instant to) {
    return transactions.executeRead(
        status ->
            Rows.first(
                    status.getConnection(),
                    "select count(*) from attempts where attempt_number > 1"
                        + " and outcome is not null and first_failed_at >= ? and first_failed_at < ?",
                    row -> row.getLong(1),
                    Timestamp.from(from),
                    Timestamp.from(to))
                .orElse(0L));
  }
}
