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

  /**
   * The history a model was trained on.
   *
   * @param exampleWeights how the training examples were weighed; null in a manifest written before
   *     training recorded it (every example weighed 1)
   */
  public record TrainingData(
      String file,
      String sha256,
      long rows,
      long invoices,
      long examples,
      ExampleWeights exampleWeights) {
    /** A history whose examples all weighed 1. */
    public TrainingData(String file, String sha256, long rows, long invoices, long examples) {
      this(file, sha256, rows, invoices, examples, null);
    }
  }

  /**
   * How the classifier's training examples were weighed.
   *
   * @param method {@code inverse_selection_probability} (each retry by the inverse of the
   *     probability its time was chosen with) or {@code none} (every example 1)
   * @param clip the largest inverse probability used; larger ones were cut to it
   * @param examplesWithProbability training examples whose history recorded a probability; the
   *     others weighed 1
   * @param clipped of those, the ones whose inverse probability was cut to {@code clip}
   */
  public record ExampleWeights(
      String method, double clip, long examplesWithProbability, long clipped) {}
}
