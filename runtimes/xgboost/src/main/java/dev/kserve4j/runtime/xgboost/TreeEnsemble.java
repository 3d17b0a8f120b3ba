package dev.kserve4j.runtime.xgboost;

/**
 * A gbtree ensemble with numerical splits, evaluated in Java: the same arithmetic as XGBoost's CPU
 * predictor (float margins starting at the base margin, leaf values added tree by tree, then the
 * objective's transformation), without a native call per request.
 *
 * <p>All trees are flattened into parallel node arrays; a node with {@code feature < 0} is a leaf
 * whose value is in {@code value}. A row goes left when its feature is below the split value
 * ({@code x < split}), and a missing (NaN) feature follows the node's default direction. Immutable,
 * so concurrent calls are safe.
 */
final class TreeEnsemble implements TreePredictor {
  private final int[] roots;
  private final int[] groupOf;
  private final int[] feature;
  private final float[] value;
  private final int[] left;
  private final int[] right;
  private final boolean[] defaultLeft;
  private final int groups;
  private final float baseMargin;
  private final Objective objective;

  /**
   * @param roots the root node of each tree
   * @param groupOf the output group (class) each tree adds to
   * @param feature per node: the split feature, or -1 for a leaf
   * @param value per node: the split value, or the leaf value
   * @param left per node: the left child (unused for leaves)
   * @param right per node: the right child (unused for leaves)
   * @param defaultLeft per node: where a missing value goes
   * @param groups margins per row (classes for multiclass objectives, else 1)
   */
  TreeEnsemble(
      int[] roots,
      int[] groupOf,
      int[] feature,
      float[] value,
      int[] left,
      int[] right,
      boolean[] defaultLeft,
      int groups,
      float baseMargin,
      Objective objective) {
    this.roots = roots;
    this.groupOf = groupOf;
    this.feature = feature;
    this.value = value;
    this.left = left;
    this.right = right;
    this.defaultLeft = defaultLeft;
    this.groups = groups;
    this.baseMargin = baseMargin;
    this.objective = objective;
  }

  /** The split values of {@code f} over all trees (with repetitions). */
  float[] splitValues(int f) {
    int n = 0;
    for (int node = 0; node < feature.length; node++) {
      n += feature[node] == f ? 1 : 0;
    }
    float[] out = new float[n];
    for (int node = 0, i = 0; node < feature.length; node++) {
      if (feature[node] == f) {
        out[i++] = value[node];
      }
    }
    return out;
  }

  int treeCount() {
    return roots.length;
  }

  int width() {
    return objective.width(groups);
  }

  @Override
  public float[] predict(float[] values, int rows, int columns) {
    int width = width();
    float[] out = new float[rows * width];
    float[] margins = new float[groups];
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(margins, baseMargin);
      int base = r * columns;
      for (int t = 0; t < roots.length; t++) {
        margins[groupOf[t]] += value[leaf(roots[t], values, base)];
      }
      objective.transform(margins, 0, groups, out, r * width);
    }
    return out;
  }

  private int leaf(int root, float[] values, int base) {
    int node = root;
    while (feature[node] >= 0) {
      float x = values[base + feature[node]];
      boolean goLeft = Float.isNaN(x) ? defaultLeft[node] : x < value[node];
      node = goLeft ? left[node] : right[node];
    }
    return node;
  }

  @Override
  public String kind() {
    return "java";
  }

  @Override
  public void close() {}
}
