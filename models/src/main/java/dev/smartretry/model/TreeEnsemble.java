package dev.smartretry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartretry.SmartRetryException;
import dev.smartretry.features.ContextFeatures;
import dev.smartretry.features.FeatureExtractor;
import dev.smartretry.features.FeatureVector;
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
 * <p>Why: a decision scores about 1,400 candidates that differ only in a dozen time features, and
 * XGBoost's native predictor walks every split of every tree for each of them (about 9 ms for a
 * 150-round model on one core). Here each tree is first settled for the decision's context: every
 * split on a feature that does not depend on the candidate time is resolved once, so a candidate
 * only walks the time splits that remain. The result is XGBoost's prediction, up to float rounding:
 * splits go left when {@code value < threshold}, missing values take the default branch, class
 * margins start at the base score and end in a softmax.
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

  /**
   * The same nodes, {@value #STRIDE} ints each for a candidate's walk to read from one cache line:
   * left child, right child, split feature shifted left with the default-left bit, threshold (or
   * leaf value) as float bits.
   */
  private final int[] packed;

  private static final int STRIDE = 4;
  private final int classes;
  private final float baseScore;
  private final int successClass;

  /** Per feature id: whether it depends on the candidate time (else on the context alone). */
  private final boolean[] timeFeature;

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
    packed = new int[nodes * STRIDE];
    for (int node = 0; node < nodes; node++) {
      packed[node * STRIDE] = left[node];
      packed[node * STRIDE + 1] = right[node];
      packed[node * STRIDE + 2] = (feature[node] << 1) | (defaultLeft[node] ? 1 : 0);
      packed[node * STRIDE + 3] = Float.floatToRawIntBits(threshold[node]);
    }
    timeFeature = new boolean[featureMap.size()];
    for (String name : FeatureExtractor.timeFeatureNames()) {
      int id = featureMap.getID(name);
      if (id >= 0) {
        timeFeature[id] = true;
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

  /** Uncalibrated P(succeeded) of a retry at each candidate. */
  double[] rawScores(ContextFeatures context, List<Instant> candidates) {
    int[] settled = settle(context);
    float[] values = new float[featureMap.size()];
    Arrays.fill(values, Float.NaN);
    int timeCount = FeatureExtractor.timeFeatureCount();
    int[] setIds = new int[timeCount];
    double[] scores = new double[candidates.size()];
    for (int row = 0; row < scores.length; row++) {
      FeatureVector vector = extractor.at(context, candidates.get(row));
      int base = vector.size() - timeCount;
      for (int index = 0; index < timeCount; index++) {
        int id = featureMap.getID(vector.names()[base + index]);
        setIds[index] = id;
        if (id >= 0) {
          values[id] = (float) vector.values()[base + index];
        }
      }
      scores[row] = softmax(margins(settled, values), successClass);
      for (int id : setIds) {
        if (id >= 0) {
          values[id] = Float.NaN;
        }
      }
    }
    return scores;
  }

  /** The class margins of one candidate's time {@code values}: every tree walked. */
  private double[] margins(int[] settled, float[] values) {
    double[] margins = new double[classes];
    Arrays.fill(margins, baseScore);
    int[] packed = this.packed;
    for (int tree = 0; tree < roots.length; tree++) {
      int at = settled[roots[tree]] * STRIDE;
      while (packed[at] >= 0) {
        int split = packed[at + 2];
        float value = values[split >>> 1];
        boolean goLeft =
            Float.isNaN(value) ? (split & 1) != 0 : value < Float.intBitsToFloat(packed[at + 3]);
        at = settled[packed[goLeft ? at : at + 1]] * STRIDE;
      }
      margins[classOfTree[tree]] += Float.intBitsToFloat(packed[at + 3]);
    }
    return margins;
  }

  /**
   * For every node, the node a walk reaches from it once every split on a context feature is taken:
   * the node itself when it is a leaf or splits on a time feature.
   */
  private int[] settle(ContextFeatures context) {
    float[] contextValues = new float[featureMap.size()];
    Arrays.fill(contextValues, Float.NaN);
    for (int index = 0; index < context.names().length; index++) {
      int id = featureMap.getID(context.names()[index]);
      if (id >= 0) {
        contextValues[id] = (float) context.values()[index];
      }
    }
    int[] settled = new int[left.length];
    Arrays.fill(settled, -1);
    for (int root : roots) {
      settle(root, contextValues, settled);
    }
    return settled;
  }

  private int settle(int node, float[] contextValues, int[] settled) {
    if (settled[node] >= 0) {
      return settled[node];
    }
    int result;
    if (left[node] < 0) {
      result = node;
    } else {
      int leftEnd = settle(left[node], contextValues, settled);
      int rightEnd = settle(right[node], contextValues, settled);
      if (timeFeature[feature[node]]) {
        result = node;
      } else {
        float value = contextValues[feature[node]];
        boolean goLeft = Float.isNaN(value) ? defaultLeft[node] : value < threshold[node];
        result = goLeft ? leftEnd : rightEnd;
      }
    }
    settled[node] = result;
    return result;
  }

  private static double softmax(double[] margins, int target) {
    if (margins.length == 1) {
      return 1 / (1 + Math.exp(-margins[0]));
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
