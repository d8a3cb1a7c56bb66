/**
 * Models (docs/http-api.md, section 5): the live model decisions use, and the versions that can
 * replace it without a restart, on every instance.
 *
 * <ul>
 *   <li>{@link dev.smartretry.service.models.ServingModel} holds the model this instance serves;
 *       {@link dev.smartretry.service.models.ServingModel#live()} is what a decision reads, once
 *       per request.
 *   <li>{@code ModelStartup} chooses the model to start with, in a start-up event before the
 *       scheduler starts: the {@code SMART_RETRY_MODEL} directory (which must load, or the start
 *       fails), recorded as an activation; {@code none}, for no model; the version activated last
 *       by any instance; else the shipped default. Without a model, decisions follow their
 *       policies' fixed schedules with reason {@code fallback}.
 *   <li>{@code ModelCatalog} knows the versions: the shipped default, the model directories under
 *       the models directory ({@code smart-retry.models-dir}, {@code SMART_RETRY_MODELS_DIR},
 *       default {@code models} in the data directory), rescanned at every listing, and the archives
 *       in the database ({@code model_archives}), uploaded over {@code POST /v1/models} ({@code
 *       ModelUpload}).
 *   <li>{@code ModelActivation} switches the live model and records the switch in {@code
 *       model_versions}; a trigger notifies every instance (migration V11, through {@link
 *       dev.smartretry.service.database.TableChanges}), and each loads that version: from its own
 *       disk, or from the archive the activating instance stored.
 * </ul>
 *
 * <p>{@code /health} shows the live version under {@code model} (and why, if this instance cannot
 * load the version activated last), and {@code /prometheus} as {@code
 * smart_retry_model_info{version="..."}}.
 */
package dev.smartretry.service.models;
