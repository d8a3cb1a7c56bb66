package dev.smartretry.train;

import dev.smartretry.model.ModelManifest;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Weights that undo the planner's preferences in its own history: a retry whose time was chosen
 * with probability {@code p} stands for {@code 1/p} retries at times like it, so the times the
 * planner rarely picks (only its exploration does) count as if they had been picked as often as the
 * others (inverse propensity weighting).
 *
 * <p>The weights of the examples that carry a probability are scaled so that they average 1 (their
 * total is their number) and none is more than {@link #CLIP} times that average: weights above are
 * cut, the rest scaled again, until both hold (a few rounds; the cut ones stay at the bound). The
 * bound is relative, not on {@code 1/p} itself: an explored retry drawn among a few hundred hourly
 * candidates has {@code 1/p} in the thousands by design, and cutting that at 20 would leave most of
 * the bias in place. What the bound stops is a few retries outweighing all others (an unusually
 * long window, a tiny share): it trades a little bias back for less variance. Exploration is
 * untouched by it while its share is at least {@code 1/CLIP} (5 %); below, explored retries are cut
 * too and the correction is partial. Examples without a probability weigh 1 (a billing system's own
 * retries, or a history from elsewhere: nothing is known, nothing to undo), so the total weight is
 * the number of examples and a learning rate or a minimum leaf weight means what it did unweighed.
 */
final class PropensityWeights {
  /** The largest weight, as a multiple of the average weight of examples with a probability. */
  static final double CLIP = 20;

  private static final int MAX_ROUNDS = 100;

  static final String METHOD = "inverse_selection_probability";
  static final String NONE = "none";

  private final double[] weights;
  private final long withProbability;
  private final long clipped;

  private PropensityWeights(double[] weights, long withProbability, long clipped) {
    this.weights = weights;
    this.withProbability = withProbability;
    this.clipped = clipped;
  }

  /** The weights of {@code examples}, in their order. */
  static PropensityWeights of(List<RetryExample> examples) {
    double[] weights = new double[examples.size()];
    boolean[] weighed = new boolean[examples.size()];
    long withProbability = 0;
    for (int index = 0; index < weights.length; index++) {
      OptionalDouble probability = examples.get(index).selectionProbability();
      weighed[index] = probability.isPresent();
      weights[index] = weighed[index] ? 1 / probability.getAsDouble() : 1;
      withProbability += weighed[index] ? 1 : 0;
    }
    if (withProbability == 0) {
      return new PropensityWeights(weights, 0, 0);
    }
    boolean[] cut = new boolean[weights.length];
    averageOne(weights, weighed, withProbability);
    // Each round cuts what is over the bound; scaling back to an average of 1 lifts the rest, and
    // the cut ones with them, a little less each round.
    for (int round = 0; round < MAX_ROUNDS && overBound(weights, weighed); round++) {
      for (int index = 0; index < weights.length; index++) {
        if (weighed[index] && weights[index] > CLIP) {
          weights[index] = CLIP;
          cut[index] = true;
        }
      }
      averageOne(weights, weighed, withProbability);
    }
    long clipped = 0;
    for (boolean wasCut : cut) {
      clipped += wasCut ? 1 : 0;
    }
    return new PropensityWeights(weights, withProbability, clipped);
  }

  private static boolean overBound(double[] weights, boolean[] weighed) {
    for (int index = 0; index < weights.length; index++) {
      if (weighed[index] && weights[index] > CLIP * (1 + 1e-9)) {
        return true;
      }
    }
    return false;
  }

  private static void averageOne(double[] weights, boolean[] weighed, long count) {
    double sum = 0;
    for (int index = 0; index < weights.length; index++) {
      sum += weighed[index] ? weights[index] : 0;
    }
    double scale = count / sum;
    for (int index = 0; index < weights.length; index++) {
      if (weighed[index]) {
        weights[index] *= scale;
      }
    }
  }

  /** Every example weighs 1. */
  static PropensityWeights none(List<RetryExample> examples) {
    double[] weights = new double[examples.size()];
    Arrays.fill(weights, 1);
    return new PropensityWeights(weights, 0, 0);
  }

  double weight(int index) {
    return weights[index];
  }

  /**
   * What the manifest says of these weights.
   *
   * @param used whether training weighed by them
   * @param examplesWithProbability how many examples had a probability (also when not used)
   */
  ModelManifest.ExampleWeights describe(boolean used, long examplesWithProbability) {
    return used
        ? new ModelManifest.ExampleWeights(METHOD, CLIP, withProbability, clipped)
        : new ModelManifest.ExampleWeights(NONE, CLIP, examplesWithProbability, 0);
  }
}
