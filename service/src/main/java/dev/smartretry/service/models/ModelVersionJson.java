package dev.smartretry.service.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A model version as {@code /v1/models} shows it. Instants are ISO-8601 UTC strings; fields without
 * a value are null, never absent.
 *
 * @param algorithm the kept classifier's algorithm, e.g. {@code xgboost}
 * @param trainedAt when it was trained
 * @param source where it is loaded from: a model directory's absolute path, or {@code
 *     classpath:default} for the model shipped in the service
 * @param active whether it is the version activated last (by any instance sharing the database)
 * @param activatedAt when it was last activated; null if never
 * @param evaluation the kept classifier's figures on the validation split, from its metrics
 * @param recentEvaluation every version's figures on the same recent window of the retries the
 *     service recorded, which compare versions side by side; null when the window holds no retry or
 *     this instance cannot load the version
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ModelVersionJson(
    String version,
    @Nullable String algorithm,
    @Nullable String trainedAt,
    String source,
    boolean active,
    @Nullable String activatedAt,
    Evaluation evaluation,
    @Nullable RecentEvaluation recentEvaluation) {

  static ModelVersionJson of(ModelVersion version) {
    return of(version, null);
  }

  static ModelVersionJson of(
      ModelVersion version, RecentEvaluations.@Nullable RecentEvaluation recent) {
    return new ModelVersionJson(
        version.version(),
        version.algorithm(),
        text(version.trainedAt()),
        version.source(),
        version.active(),
        text(version.activatedAt()),
        new Evaluation(version.rocAuc(), version.logLoss(), version.brier()),
        recent == null
            ? null
            : new RecentEvaluation(
                recent.from().toString(),
                recent.to().toString(),
                recent.retries(),
                recent.rocAuc(),
                recent.logLoss(),
                recent.brier()));
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * The version's figures on the retries of the invoices that first failed in {@code [from, to)}.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record RecentEvaluation(
      String from, String to, long retries, double rocAuc, double logLoss, double brier) {}

  /** Validation figures; null where the model's metrics have none. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Evaluation(@Nullable Double rocAuc, @Nullable Double logLoss, @Nullable Double brier) {}
}
