package dev.smartretry.model;

import dev.smartretry.features.FeatureExtractor;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.tribuo.Model;
import org.tribuo.VariableInfo;

/**
 * The features a model directory's models were trained on ({@code features.json}): the feature
 * version of {@link FeatureExtractor}, which names depend on the candidate time, and every name
 * each model knows. It lets a person, or another implementation, see what a model reads without
 * opening Tribuo's files, and lets the loader check that the files agree.
 *
 * @param successFeatures the success classifier's feature names, sorted
 * @param recoveryTimeFeatures the recovery-time regression's feature names, sorted
 */
public record FeatureSpec(
    int featureVersion,
    List<String> timeFeatures,
    List<String> successFeatures,
    List<String> recoveryTimeFeatures) {
  public FeatureSpec {
    timeFeatures = List.copyOf(Objects.requireNonNull(timeFeatures, "timeFeatures"));
    successFeatures = List.copyOf(Objects.requireNonNull(successFeatures, "successFeatures"));
    recoveryTimeFeatures =
        List.copyOf(Objects.requireNonNull(recoveryTimeFeatures, "recoveryTimeFeatures"));
  }

  static FeatureSpec of(Model<?> success, Model<?> recoveryTime) {
    return new FeatureSpec(
        FeatureExtractor.VERSION,
        List.copyOf(FeatureExtractor.timeFeatureNames()),
        names(success),
        names(recoveryTime));
  }

  static List<String> names(Model<?> model) {
    return StreamSupport.stream(model.getFeatureIDMap().spliterator(), false)
        .map(VariableInfo::getName)
        .sorted()
        .toList();
  }
}
