package dev.smartretry.service.models;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A model version as the registry records it ({@code model_versions}).
 *
 * @param source where it is loaded from: a directory's absolute path, or {@value
 *     ModelSource#DEFAULT_NAME}
 * @param algorithm the kept classifier's algorithm, e.g. {@code xgboost}
 * @param trainedAt when it was trained, from its manifest
 * @param rocAuc the kept classifier's validation ROC AUC; null if its metrics have none
 * @param logLoss its validation log loss
 * @param brier its validation Brier score
 * @param activatedAt when it was last made the active version
 * @param active whether it is the version activated last, by any instance of the service
 */
record ModelVersion(
    String version,
    String source,
    @Nullable String algorithm,
    @Nullable Instant trainedAt,
    @Nullable Double rocAuc,
    @Nullable Double logLoss,
    @Nullable Double brier,
    Instant registeredAt,
    @Nullable Instant activatedAt,
    boolean active) {}
