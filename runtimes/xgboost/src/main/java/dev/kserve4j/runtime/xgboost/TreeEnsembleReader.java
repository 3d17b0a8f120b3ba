package dev.kserve4j.runtime.xgboost;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds a {@link TreeEnsemble} from an XGBoost JSON model document ({@code doc/model.schema} of
 * XGBoost 1.x/2.x), or says why the model is outside what the Java evaluator covers: boosters other
 * than {@code gbtree}, objectives outside {@link Objective}, multi-target trees and categorical
 * splits stay with xgboost4j.
 */
final class TreeEnsembleReader {
  private TreeEnsembleReader() {}

  /**
   * The ensemble of {@code document}.
   *
   * @throws IllegalArgumentException naming the first feature of the model that is not covered
   */
  static TreeEnsemble read(JsonNode document, BoosterConfig config) {
    require(
        config.booster().equals("gbtree"), "booster " + config.booster() + " (covered: gbtree)");
    Objective objective =
        Objective.of(config.objective())
            .orElseThrow(() -> new IllegalArgumentException("objective " + config.objective()));
    require(config.numTarget() == 1, "num_target " + config.numTarget() + " (covered: 1)");
    int groups = Math.max(1, config.numClass());
    JsonNode model = document.path("learner").path("gradient_booster").path("model");
    JsonNode trees = model.path("trees");
    JsonNode treeInfo = model.path("tree_info");
    require(trees.isArray() && treeInfo.size() == trees.size(), "trees/tree_info missing");

    int total = 0;
    for (JsonNode tree : trees) {
      total += tree.path("left_children").size();
    }
    int[] roots = new int[trees.size()];
    int[] groupOf = new int[trees.size()];
    int[] feature = new int[total];
    float[] value = new float[total];
    int[] left = new int[total];
    int[] right = new int[total];
    boolean[] defaultLeft = new boolean[total];
    int offset = 0;
    for (int t = 0; t < trees.size(); t++) {
      JsonNode tree = trees.get(t);
      groupOf[t] = treeInfo.get(t).asInt();
      require(groupOf[t] >= 0 && groupOf[t] < groups, "tree " + t + " has group " + groupOf[t]);
      require(
          tree.path("tree_param").path("size_leaf_vector").asInt(0) <= 1,
          "tree " + t + " has vector leaves");
      require(tree.path("categories_nodes").isEmpty(), "tree " + t + " has categorical splits");
      roots[t] = offset;
      int nodes = tree.path("left_children").size();
      for (int i = 0; i < nodes; i++) {
        int n = offset + i;
        int l = tree.path("left_children").get(i).asInt();
        value[n] = tree.path("split_conditions").get(i).decimalValue().floatValue();
        require(
            tree.path("split_type").path(i).asInt(0) == 0,
            "tree " + t + " node " + i + " is a categorical split");
        if (l < 0) {
          feature[n] = -1;
          continue;
        }
        feature[n] = tree.path("split_indices").get(i).asInt();
        require(
            feature[n] < config.numFeature(),
            "tree " + t + " splits on feature " + feature[n] + " of " + config.numFeature());
        left[n] = offset + l;
        right[n] = offset + tree.path("right_children").get(i).asInt();
        JsonNode dl = tree.path("default_left").get(i);
        defaultLeft[n] = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
      }
      offset += nodes;
    }
    return new TreeEnsemble(
        roots,
        groupOf,
        feature,
        value,
        left,
        right,
        defaultLeft,
        groups,
        objective.baseMargin(config.baseScore()),
        objective);
  }

  private static void require(boolean condition, String reason) {
    if (!condition) {
      throw new IllegalArgumentException(reason);
    }
  }
}
