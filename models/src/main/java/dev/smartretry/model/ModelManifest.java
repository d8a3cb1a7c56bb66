package dev.smartretry.model;

import java.util.Map;

/**
 * The provenance and integrity record of a model directory ({@code manifest.json}).
 *
 * @param format always {@value ModelDirectory#FORMAT}
 * @param formatVersion the directory layout's version; the loader refuses others
 * @param featureVersion the {@link dev.smartretry.features.FeatureExtractor#VERSION} the models
 *     were trained with; the loader refuses a mismatch (the features would mean other things)
 * @param version the model's id, e.g. {@code 2026-11-21T10:15:00Z-4f2a9c}: when it was trained and
 *     the start of its classifier's checksum
 * @param createdAt ISO-8601 instant of training
 * @param algorithm the success classifier's algorithm, e.g. {@code xgboost}
 * @param seed the seed every random choice of training derived from
 * @param trainingData the file trained on and its SHA-256
 * @param libraries library versions (Tribuo, XGBoost, Java) at training
 * @param files SHA-256 of every other file in the directory, checked at load
 */
public record ModelManifest(
    String format,
    int formatVersion,
    int featureVersion,
    String version,
    String createdAt,
    String algorithm,
    long seed,
    TrainingData trainingData,
    Map<String, String> libraries,
    Map<String, String> files) {

  /** The history a model was trained on. */
  public record TrainingData(String file, String sha256, long rows, long invoices, long examples) {}
}
