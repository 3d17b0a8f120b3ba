package dev.kserve4j.runtime.pmml;

import dev.kserve4j.runtime.pmml.Predicate.Truth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code TreeModel} (PMML 4.4 "TreeModel"): descends from the root into the first child whose
 * predicate is true and predicts with the node where it stops.
 *
 * <p>A predicate that is UNKNOWN (it compares a missing value) is handled by {@code
 * missingValueStrategy}: {@code none} (default) treats it as false, {@code lastPrediction} stops at
 * the current node, {@code nullPrediction} predicts nothing and {@code defaultChild} descends into
 * the node's {@code defaultChild} (or stops when it has none). When no child is true, {@code
 * noTrueChildStrategy} decides: {@code returnNullPrediction} (default) predicts nothing, {@code
 * returnLastPrediction} uses the current node. A node's probabilities come from its
 * ScoreDistributions: their {@code probability}, else their {@code recordCount} divided by the
 * node's (or by their sum when the node has none).
 */
final class TreeScorer implements Scorer {
  private static final List<String> CHILDREN =
      List.of("MiningSchema", "Output", "Targets", "LocalTransformations", "Node");

  /** A node with its prediction computed once at load. */
  private record TreeNode(
      Predicate predicate, Prediction prediction, List<TreeNode> children, int defaultChild) {}

  private final TreeNode root;
  private final String missingValueStrategy;
  private final boolean returnLastPrediction;

  private TreeScorer(TreeNode root, String missingValueStrategy, boolean returnLastPrediction) {
    this.root = root;
    this.missingValueStrategy = missingValueStrategy;
    this.returnLastPrediction = returnLastPrediction;
  }

  static TreeScorer read(ModelContext context) {
    XmlElement e = context.element();
    e.onlyChildren(CHILDREN);
    String missing =
        e.choice(
            "missingValueStrategy",
            "none",
            List.of("none", "lastPrediction", "nullPrediction", "defaultChild"));
    String noTrueChild =
        e.choice(
            "noTrueChildStrategy",
            "returnNullPrediction",
            List.of("returnNullPrediction", "returnLastPrediction"));
    XmlElement rootElement =
        e.child("Node").orElseThrow(() -> new PmmlException(e + ": has no root Node"));
    TreeNode root = node(rootElement, context, new PredicateReader(context.symbols()));
    return new TreeScorer(root, missing, noTrueChild.equals("returnLastPrediction"));
  }

  private static TreeNode node(XmlElement e, ModelContext context, PredicateReader predicates) {
    List<String> allowed = new ArrayList<>(PredicateReader.SUPPORTED);
    allowed.addAll(List.of("ScoreDistribution", "Node"));
    e.onlyChildren(allowed);
    Object score = e.attribute("score").map(s -> context.target().parse(e, s)).orElse(null);
    if (score instanceof Double d) {
      score = context.round(d);
    }
    List<TreeNode> children = new ArrayList<>();
    int defaultChild = -1;
    String defaultId = e.attribute("defaultChild", null);
    for (XmlElement child : e.children("Node")) {
      if (child.attribute("id").isPresent() && child.required("id").equals(defaultId)) {
        defaultChild = children.size();
      }
      children.add(node(child, context, predicates));
    }
    if (defaultId != null && defaultChild < 0) {
      throw new PmmlException(e + ": defaultChild='" + defaultId + "' is not the id of a child");
    }
    String id = e.attribute("id", null);
    Prediction prediction =
        context.target().classification()
            ? Prediction.classification(distribution(e, context.target()), score, id)
            : new Prediction(score, Map.of(), id);
    return new TreeNode(predicates.childOf(e), prediction, List.copyOf(children), defaultChild);
  }

  private static Map<Object, Double> distribution(XmlElement node, Target target) {
    List<XmlElement> entries = node.children("ScoreDistribution");
    Map<Object, Double> probabilities = new LinkedHashMap<>();
    if (entries.isEmpty()) {
      return probabilities;
    }
    boolean explicit = entries.stream().allMatch(s -> s.attribute("probability").isPresent());
    double total =
        node.number(
            "recordCount", entries.stream().mapToDouble(s -> s.number("recordCount", 0)).sum());
    for (XmlElement s : entries) {
      Object category = target.parse(s, s.required("value"));
      double p = explicit ? s.number("probability", 0) : s.number("recordCount", 0) / total;
      probabilities.put(category, p);
    }
    return probabilities;
  }

  @Override
  public Prediction score(Scope scope) {
    if (root.predicate().test(scope) != Truth.TRUE) {
      return Prediction.MISSING;
    }
    TreeNode node = root;
    while (!node.children().isEmpty()) {
      TreeNode next = null;
      for (TreeNode child : node.children()) {
        Truth t = child.predicate().test(scope);
        if (t == Truth.TRUE) {
          next = child;
          break;
        }
        if (t == Truth.UNKNOWN && !missingValueStrategy.equals("none")) {
          switch (missingValueStrategy) {
            case "nullPrediction" -> {
              return Prediction.MISSING;
            }
            case "defaultChild" ->
                next = node.defaultChild() < 0 ? null : node.children().get(node.defaultChild());
            default -> {}
          }
          if (next == null) {
            return predict(node);
          }
          break;
        }
      }
      if (next == null) {
        return returnLastPrediction ? predict(node) : Prediction.MISSING;
      }
      node = next;
    }
    return predict(node);
  }

  private static Prediction predict(TreeNode node) {
    return node.prediction();
  }
}
