package dev.smartretry.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a model directory says about itself, read without loading its models.
 *
 * @param metrics the evaluation summary written at training ({@code metrics.json})
 */
public record ModelDescription(ModelManifest manifest, JsonNode metrics) {
  public ModelDescription {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The kept classifier's validation figure {@code name} (roc_auc, log_loss, brier), or NaN. */
  public double validation(String name) {
    JsonNode kept = metrics.path("candidates").path(metrics.path("selected").asText());
    JsonNode value = kept.path(name);
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }
}
