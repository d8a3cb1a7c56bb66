package dev.smartretry.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A loaded model directory: the success classifier with its calibration, the recovery-time
 * regression, and what the directory says about them.
 *
 * @param metrics the evaluation summary written at training, as JSON
 */
public record RetryModel(
    ModelManifest manifest,
    SuccessModel success,
    RecoveryTimeModel recoveryTime,
    JsonNode metrics) {
  public RetryModel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(success, "success");
    Objects.requireNonNull(recoveryTime, "recoveryTime");
    Objects.requireNonNull(metrics, "metrics");
  }

  public String version() {
    return manifest.version();
  }

  /** The manifest and evaluation, as {@link ModelDirectory#describe} reads them. */
  public ModelDescription description() {
    return new ModelDescription(manifest, metrics);
  }
}
