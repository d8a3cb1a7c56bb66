package dev.smartretry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartretry.SmartRetryException;
import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.FeatureExtractor;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * An XGBoost classifier's trees, read from the booster's own JSON model, for scoring the candidate
 * times of one decision.
 *
 * <p>Why: a decision scores hundreds of candidates (every hour of its window) that differ only in a
 * dozen time features, and XGBoost's native predictor walks every split of every tree for each of
 * them (about 9 ms for 1,400 candidates and a 150-round model on one core). Here each tree is first
 * settled for the decision's context: every split on a feature that does not depend on the
 * candidate time is resolved once, so a candidate only walks the time splits that remain. The
 * result is XGBoost's prediction, up to float rounding: splits go left when {@code value <
 * threshold}, missing values take the default branch, class margins start at the base score and end
 * in a softmax.
 */
final class TreeEnsemble {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImmutableFeatureMap featureMap;
  private final int[] roots;
  private final int[] classOfTree;
  private final int[] left;
  private final int[] right;
  private final int[] feature;
  private final float[] threshold;
  private final boolean[] defaultLeft;

  /** Ints per node of a settled tree: left, right, split column and default bit, threshold. */
  private static final int STRIDE = 4;

  private final int classes;
  private final float baseScore;
  private final int successClass;

  /**
   * Per feature id: its id among the extractor's time features ({@link
   * FeatureExtractor#timeFeatureNames()}), or -1 for a feature of the context alone.
   */
  private final int[] timeFeatureOf;

  private final FeatureExtractor extractor;

  private TreeEnsemble(XGBoostModel<Label> model, JsonNode learner, FeatureExtractor extractor) {
    this.featureMap = model.getFeatureIDMap();
    this.extractor = extractor;
    this.successClass = model.getOutputIDInfo().getID(Outcomes.SUCCEEDED);
    JsonNode parameters = learner.path("learner_model_param");
    this.classes = Math.max(1, Integer.parseInt(parameters.path("num_class").asText("0")));
    this.baseScore = Float.parseFloat(parameters.path("base_score").asText("0.5"));
    String objective = learner.path("objective").path("name").asText();
    if (!objective.equals("multi:softprob") && !objective.equals("multi:softmax")) {
      throw new SmartRetryException("unexpected XGBoost objective " + objective);
    }
    JsonNode boosterModel = learner.path("gradient_booster").path("model");
    JsonNode trees = boosterModel.path("trees");
    JsonNode treeInfo = boosterModel.path("tree_info");
    int nodes = 0;
    for (JsonNode tree : trees) {
      nodes += tree.path("left_children").size();
    }
    roots = new int[trees.size()];
    classOfTree = new int[trees.size()];
    left = new int[nodes];
    right = new int[nodes];
    feature = new int[nodes];
    threshold = new float[nodes];
    defaultLeft = new boolean[nodes];
    int offset = 0;
    for (int tree = 0; tree < trees.size(); tree++) {
      JsonNode node = trees.get(tree);
      roots[tree] = offset;
      classOfTree[tree] = treeInfo.get(tree).asInt();
      int size = node.path("left_children").size();
      for (int index = 0; index < size; index++) {
        int leftChild = node.path("left_children").get(index).asInt();
        int at = offset + index;
        left[at] = leftChild < 0 ? -1 : offset + leftChild;
        right[at] = leftChild < 0 ? -1 : offset + node.path("right_children").get(index).asInt();
        feature[at] = node.path("split_indices").get(index).asInt();
        // On a leaf, XGBoost's JSON keeps the leaf's value in split_conditions.
        threshold[at] = node.path("split_conditions").get(index).floatValue();
        defaultLeft[at] = node.path("default_left").get(index).asInt() != 0;
      }
      offset += size;
    }
    timeFeatureOf = new int[featureMap.size()];
    Arrays.fill(timeFeatureOf, -1);
    List<String> timeFeatures = FeatureExtractor.timeFeatureNames();
    for (int timeFeature = 0; timeFeature < timeFeatures.size(); timeFeature++) {
      int id = featureMap.getID(timeFeatures.get(timeFeature));
      if (id >= 0) {
        timeFeatureOf[id] = timeFeature;
      }
    }
  }

  /** The trees of {@code model} when it is a single-booster XGBoost classifier, else null. */
  @SuppressWarnings("unchecked")
  static TreeEnsemble of(org.tribuo.Model<Label> model, FeatureExtractor extractor) {
    if (!(model instanceof XGBoostModel<?> boosted) || boosted.getInnerModels().size() != 1) {
      return null;
    }
    try {
      JsonNode learner =
          JSON.readTree(boosted.getInnerModels().get(0).toByteArray("json")).path("learner");
      return new TreeEnsemble((XGBoostModel<Label>) boosted, learner, extractor);
    } catch (XGBoostError | IOException | RuntimeException e) {
      throw new SmartRetryException("cannot read the XGBoost model's trees: " + e.getMessage(), e);
    }
  }

  /**
   * The trees for one decision's context: every split on a context feature taken, once, and the
   * nodes a candidate can still reach copied into one compact array, so a candidate walks only time
   * splits, with one lookup per step.
   */
  Settled settle(ContextFeatures context) {
    float[] contextValues = new float[featureMap.size()];
    Arrays.fill(contextValues, Float.NaN);
    for (int index = 0; index < context.names().length; index++) {
      int id = featureMap.getID(context.names()[index]);
      if (id >= 0) {
        contextValues[id] = (float) context.values()[index];
      }
    }
    Settled settled = new Settled(context);
    for (int tree = 0; tree < roots.length; tree++) {
      settled.roots[tree] = settled.copy(roots[tree], contextValues);
    }
    return settled;
  }

  /** {@link TreeEnsemble}'s trees settled for one context; not thread-safe. */
  final class Settled {
    private final ContextFeatures context;
    private final int[] roots = new int[TreeEnsemble.this.roots.length];
    private int[] nodes = new int[1024 * STRIDE];
    private int size;

    // The time features the settled trees still split on get a column each, in the order met;
    // the others are never read, so candidates need no room for them.
    private final int[] columnOf = new int[FeatureExtractor.timeFeatureNames().size()];
    private int columns;

    private Settled(ContextFeatures context) {
      this.context = context;
      Arrays.fill(columnOf, -1);
    }

    /**
     * Uncalibrated P(succeeded) of a retry at each candidate, the previous attempt made at {@code
     * previousAt}. Tree by tree rather than candidate by candidate: one tree's few nodes stay in
     * the fastest cache while every candidate walks it.
     */
    double[] rawScores(Instant previousAt, List<Instant> candidates) {
      int rows = candidates.size();
      float[] values = new float[rows * columns];
      Arrays.fill(values, Float.NaN);
      int timeCount = FeatureExtractor.timeFeatureCount();
      int[] ids = new int[timeCount];
      double[] timeValues = new double[timeCount];
      for (int row = 0; row < rows; row++) {
        extractor.timeFeatures(
            context.decision(), previousAt, candidates.get(row), ids, timeValues);
        for (int index = 0; index < timeCount; index++) {
          int column = columnOf[ids[index]];
          if (column >= 0) {
            values[row * columns + column] = (float) timeValues[index];
          }
        }
      }
      double[][] margins = new double[classes][rows];
      for (double[] classMargins : margins) {
        Arrays.fill(classMargins, baseScore);
      }
      int[] nodes = this.nodes;
      for (int tree = 0; tree < roots.length; tree++) {
        int root = roots[tree];
        double[] classMargins = margins[classOfTree[tree]];
        for (int row = 0, base = 0; row < rows; row++, base += columns) {
          int at = root;
          while (nodes[at] >= 0) {
            int split = nodes[at + 2];
            float value = values[base + (split >>> 1)];
            boolean goLeft =
                Float.isNaN(value) ? (split & 1) != 0 : value < Float.intBitsToFloat(nodes[at + 3]);
            at = nodes[goLeft ? at : at + 1];
          }
          classMargins[row] += Float.intBitsToFloat(nodes[at + 3]);
        }
      }
      double[] scores = new double[rows];
      double[] rowMargins = new double[classes];
      for (int row = 0; row < rows; row++) {
        for (int cls = 0; cls < classes; cls++) {
          rowMargins[cls] = margins[cls][row];
        }
        scores[row] = softmax(rowMargins, successClass);
      }
      return scores;
    }

    /** Copies the subtree at original {@code node}, taking context splits; returns its offset. */
    private int copy(int node, float[] contextValues) {
      while (left[node] >= 0 && timeFeatureOf[feature[node]] < 0) {
        float value = contextValues[feature[node]];
        boolean goLeft = Float.isNaN(value) ? defaultLeft[node] : value < threshold[node];
        node = goLeft ? left[node] : right[node];
      }
      // A tree reaches each node by one path only, so no node is copied twice.
      int leftCopy = -1;
      int rightCopy = -1;
      if (left[node] >= 0) {
        leftCopy = copy(left[node], contextValues);
        rightCopy = copy(right[node], contextValues);
      }
      if (size + STRIDE > nodes.length) {
        nodes = Arrays.copyOf(nodes, nodes.length * 2);
      }
      int at = size;
      size += STRIDE;
      nodes[at] = leftCopy;
      nodes[at + 1] = rightCopy;
      // A split's column, with the default-left bit; 0 on a leaf.
      nodes[at + 2] =
          left[node] < 0
              ? 0
              : (column(timeFeatureOf[feature[node]]) << 1) | (defaultLeft[node] ? 1 : 0);
      nodes[at + 3] = Float.floatToRawIntBits(threshold[node]);
      return at;
    }

    private int column(int timeFeature) {
      if (columnOf[timeFeature] < 0) {
        columnOf[timeFeature] = columns++;
      }
      return columnOf[timeFeature];
    }
  }

  private static double softmax(double[] margins, int target) {
    if (margins.length == 1) {
      return 1 / (1 + Math.exp(-margins[0]));
    }
    if (margins.length == 2) {
      // The same value with one exp instead of two.
      return 1 / (1 + Math.exp(margins[1 - target] - margins[target]));
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double margin : margins) {
      max = Math.max(max, margin);
    }
    double sum = 0;
    for (double margin : margins) {
      sum += Math.exp(margin - max);
    }
    return Math.exp(margins[target] - max) / sum;
  }
}
