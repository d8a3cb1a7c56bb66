/**
 * Models (docs/http-api.md, section 5): the live model decisions use, and the versions that can
 * replace it without a restart.
 *
 * <p>{@link dev.smartretry.service.models.ModelRegistry} holds the live model; {@link
 * dev.smartretry.service.models.ModelRegistry#live()} is what a decision reads, once per request.
 * At start the registry loads {@code SMART_RETRY_MODEL} ({@code smart-retry.model}): a model
 * directory, which must load or the start fails; {@code none}, for no model; unset, the default
 * model shipped in the jar (if that fails to load, the service runs without a model and says so in
 * its log and {@code /health}). Without a model, decisions follow their policies' fixed schedules
 * with reason {@code fallback}.
 *
 * <p>The versions known are the shipped default, the {@code SMART_RETRY_MODEL} directory and every
 * model directory under the models directory ({@code smart-retry.models-dir}, {@code
 * SMART_RETRY_MODELS_DIR}, default {@code models} in the data directory), rescanned at every
 * listing. They are recorded in {@code model_versions}, with the version activated last, which
 * instances sharing the database all see; each instance serves the model it activated itself.
 * Admins list them over {@code GET /v1/models} and switch over {@code POST
 * /v1/models/{version}/activate}. {@code /health} shows the live version under {@code model}, and
 * {@code /prometheus} as {@code smart_retry_model_info{version="..."}}.
 */
package dev.smartretry.service.models;
