package ai.stratum.finance.scoring.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trees of an XGBoost binary:logistic model read from its JSON format, with exact TreeSHAP
 * (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree
 * ensembles", algorithm 2, path-dependent) and the margin. Immutable and thread-safe; callers pass
 * their own {@link Workspace}.
 */
public final class TreeEnsemble {

  private final Tree[] trees;
  private final int features;
  private final double baseMargin;
  private final double expectedMargin;
  private final int maxDepth;

  private TreeEnsemble(Tree[] trees, int features, double baseMargin) {
    this.trees = trees;
    this.features = features;
    this.baseMargin = baseMargin;
    double expected = baseMargin;
    int depth = 0;
    for (Tree tree : trees) {
      expected += tree.expectedValue();
      depth = Math.max(depth, tree.depth(0));
    }
    this.expectedMargin = expected;
    this.maxDepth = depth;
  }

  /** Parses {@code Booster.toByteArray("json")}. */
  public static TreeEnsemble fromXgboostJson(byte[] json, JsonMapper mapper) {
    JsonNode learner = mapper.readTree(json).path("learner");
    String objective = learner.path("objective").path("name").asString();
    if (!"binary:logistic".equals(objective)) {
      throw new IllegalArgumentException("expected a binary:logistic model, got " + objective);
    }
    int features =
        Integer.parseInt(learner.path("learner_model_param").path("num_feature").asString());
    String base =
        learner
            .path("learner_model_param")
            .path("base_score")
            .asString()
            .replace("[", "")
            .replace("]", "");
    double baseProbability = Double.parseDouble(base);
    double baseMargin = Math.log(baseProbability / (1 - baseProbability));
    JsonNode model = learner.path("gradient_booster").path("model");
    List<Tree> trees = new ArrayList<>();
    for (JsonNode tree : model.path("trees")) {
      trees.add(Tree.of(tree));
    }
    return new TreeEnsemble(trees.toArray(Tree[]::new), features, baseMargin);
  }

  public int features() {
    return features;
  }

  /** The margin (log-odds) averaged over the training data: what an uninformative row gets. */
  public double expectedMargin() {
    return expectedMargin;
  }

  public Workspace newWorkspace() {
    return new Workspace(maxDepth, features);
  }

  /** The model's margin (log-odds) for one row. */
  public double margin(float[] x, int offset) {
    double margin = baseMargin;
    for (Tree tree : trees) {
      margin += tree.values[tree.leaf(x, offset)];
    }
    return margin;
  }

  /**
   * Exact TreeSHAP values of one row into {@code phi[0..features)}; they sum with {@link
   * #expectedMargin()} to the row's margin.
   */
  public void shap(float[] x, int offset, double[] phi, Workspace workspace) {
    java.util.Arrays.fill(phi, 0, features, 0);
    for (Tree tree : trees) {
      tree.shap(x, offset, phi, workspace);
    }
  }

  /**
   * Path attribution (Saabas): along the row's path in every tree, each split's feature gets the
   * change of the node's expected value that the split causes. Like TreeSHAP it sums with {@link
   * #expectedMargin()} to the margin (local accuracy) but costs one tree walk instead of TreeSHAP's
   * O(leaves x depth^2); unlike TreeSHAP it is not consistent when features interact.
   */
  public void pathAttribution(float[] x, int offset, double[] phi) {
    java.util.Arrays.fill(phi, 0, features, 0);
    for (Tree tree : trees) {
      int node = 0;
      while (tree.left[node] >= 0) {
        int child = tree.next(x, offset, node);
        phi[tree.split[node]] += tree.expected[child] - tree.expected[node];
        node = child;
      }
    }
  }

  /** Scratch space for the TreeSHAP recursion of one thread. */
  public static final class Workspace {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;

    Workspace(int maxDepth, int features) {
      int size = (maxDepth + 2) * (maxDepth + 3) / 2;
      feature = new int[size];
      zero = new double[size];
      one = new double[size];
      weight = new double[size];
    }
  }

  static final class Tree {
    final int[] left;
    final int[] right;
    final int[] split;
    final float[] threshold;
    final boolean[] defaultLeft;
    final double[] cover;
    final double[] values;
    final double[] expected;

    private Tree(
        int[] left,
        int[] right,
        int[] split,
        float[] threshold,
        boolean[] defaultLeft,
        double[] cover) {
      this.left = left;
      this.right = right;
      this.split = split;
      this.threshold = threshold;
      this.defaultLeft = defaultLeft;
      this.cover = cover;
      this.values = new double[left.length];
      for (int node = 0; node < left.length; node++) {
        values[node] = left[node] < 0 ? threshold[node] : 0;
      }
      this.expected = new double[left.length];
      fillExpected(0);
    }

    private double fillExpected(int node) {
      if (left[node] < 0) {
        expected[node] = values[node];
      } else {
        expected[node] =
            (cover[left[node]] * fillExpected(left[node])
                    + cover[right[node]] * fillExpected(right[node]))
                / cover[node];
      }
      return expected[node];
    }

    static Tree of(JsonNode node) {
      int[] left = ints(node.path("left_children"));
      int n = left.length;
      int[] right = ints(node.path("right_children"));
      int[] split = ints(node.path("split_indices"));
      float[] threshold = new float[n];
      boolean[] defaultLeft = new boolean[n];
      double[] cover = new double[n];
      JsonNode conditions = node.path("split_conditions");
      JsonNode defaults = node.path("default_left");
      JsonNode hessians = node.path("sum_hessian");
      for (int i = 0; i < n; i++) {
        threshold[i] = (float) conditions.get(i).asDouble();
        defaultLeft[i] = defaults.get(i).asInt() != 0;
        cover[i] = hessians.get(i).asDouble();
      }
      return new Tree(left, right, split, threshold, defaultLeft, cover);
    }

    private static int[] ints(JsonNode array) {
      int[] values = new int[array.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = array.get(i).asInt();
      }
      return values;
    }

    int depth(int node) {
      return left[node] < 0 ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    double expectedValue() {
      return expected(0);
    }

    private double expected(int node) {
      if (left[node] < 0) {
        return values[node];
      }
      return (cover[left[node]] * expected(left[node]) + cover[right[node]] * expected(right[node]))
          / cover[node];
    }

    /** XGBoost's rule: left when x < threshold, the default branch when x is missing (NaN). */
    int next(float[] x, int offset, int node) {
      float value = x[offset + split[node]];
      if (Float.isNaN(value)) {
        return defaultLeft[node] ? left[node] : right[node];
      }
      return value < threshold[node] ? left[node] : right[node];
    }

    int leaf(float[] x, int offset) {
      int node = 0;
      while (left[node] >= 0) {
        node = next(x, offset, node);
      }
      return node;
    }

    void shap(float[] x, int offset, double[] phi, Workspace w) {
      recurse(x, offset, phi, w, 0, 0, 0, 1, 1, -1);
    }

    private void recurse(
        float[] x,
        int offset,
        double[] phi,
        Workspace w,
        int node,
        int depth,
        int parentStart,
        double zeroFraction,
        double oneFraction,
        int featureIndex) {
      int start = parentStart + depth;
      if (depth > 0) {
        // copy the parent's path (depth elements) to this level's segment
        System.arraycopy(w.feature, parentStart, w.feature, start, depth);
        System.arraycopy(w.zero, parentStart, w.zero, start, depth);
        System.arraycopy(w.one, parentStart, w.one, start, depth);
        System.arraycopy(w.weight, parentStart, w.weight, start, depth);
      }
      extend(w, start, depth, zeroFraction, oneFraction, featureIndex);
      if (left[node] < 0) {
        for (int i = 1; i <= depth; i++) {
          double sum = unwoundSum(w, start, depth, i);
          phi[w.feature[start + i]] += sum * (w.one[start + i] - w.zero[start + i]) * values[node];
        }
        return;
      }
      int hot = next(x, offset, node);
      int cold = hot == left[node] ? right[node] : left[node];
      double incomingZero = 1;
      double incomingOne = 1;
      int uniqueDepth = depth;
      int pathIndex = 0;
      while (pathIndex <= uniqueDepth && w.feature[start + pathIndex] != split[node]) {
        pathIndex++;
      }
      if (pathIndex <= uniqueDepth) {
        incomingZero = w.zero[start + pathIndex];
        incomingOne = w.one[start + pathIndex];
        unwind(w, start, uniqueDepth, pathIndex);
        uniqueDepth--;
      }
      double nodeCover = cover[node];
      recurse(
          x,
          offset,
          phi,
          w,
          hot,
          uniqueDepth + 1,
          start,
          cover[hot] / nodeCover * incomingZero,
          incomingOne,
          split[node]);
      recurse(
          x,
          offset,
          phi,
          w,
          cold,
          uniqueDepth + 1,
          start,
          cover[cold] / nodeCover * incomingZero,
          0,
          split[node]);
    }

    private static void extend(
        Workspace w, int s, int depth, double zeroFraction, double oneFraction, int featureIndex) {
      w.feature[s + depth] = featureIndex;
      w.zero[s + depth] = zeroFraction;
      w.one[s + depth] = oneFraction;
      w.weight[s + depth] = depth == 0 ? 1 : 0;
      for (int i = depth - 1; i >= 0; i--) {
        w.weight[s + i + 1] += oneFraction * w.weight[s + i] * (i + 1) / (double) (depth + 1);
        w.weight[s + i] = zeroFraction * w.weight[s + i] * (depth - i) / (double) (depth + 1);
      }
    }

    private static void unwind(Workspace w, int s, int depth, int pathIndex) {
      double one = w.one[s + pathIndex];
      double zero = w.zero[s + pathIndex];
      double next = w.weight[s + depth];
      for (int i = depth - 1; i >= 0; i--) {
        if (one != 0) {
          double tmp = w.weight[s + i];
          w.weight[s + i] = next * (depth + 1) / ((i + 1) * one);
          next = tmp - w.weight[s + i] * zero * (depth - i) / (double) (depth + 1);
        } else {
          w.weight[s + i] = w.weight[s + i] * (depth + 1) / (zero * (depth - i));
        }
      }
      for (int i = pathIndex; i < depth; i++) {
        w.feature[s + i] = w.feature[s + i + 1];
        w.zero[s + i] = w.zero[s + i + 1];
        w.one[s + i] = w.one[s + i + 1];
      }
    }

    private static double unwoundSum(Workspace w, int s, int depth, int pathIndex) {
      double one = w.one[s + pathIndex];
      double zero = w.zero[s + pathIndex];
      double next = w.weight[s + depth];
      double total = 0;
      for (int i = depth - 1; i >= 0; i--) {
        if (one != 0) {
          double tmp = next * (depth + 1) / ((i + 1) * one);
          total += tmp;
          next = w.weight[s + i] - tmp * zero * ((depth - i) / (double) (depth + 1));
        } else if (zero != 0) {
          total += (w.weight[s + i] / zero) / ((depth - i) / (double) (depth + 1));
        }
      }
      return total;
    }
  }
}
