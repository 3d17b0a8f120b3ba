package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an InferenceGraph's nodes call each other through {@code nodeName}: refuses cycles (each
 * reported once, at the step that closes it) and nesting deeper than {@link #MAX_DEPTH} from {@code
 * root}.
 */
final class GraphNesting {
  /** How many nodes a request may pass through, root included. */
  static final int MAX_DEPTH = 16;

  private final String graph;
  private final Map<String, InferenceRouter> nodes;
  private final ValidationResult.Builder out;
  private final Set<String> done = new HashSet<>();
  private final Set<String> reportedCycles = new HashSet<>();
  private final Map<String, List<String>> longest = new HashMap<>();

  private GraphNesting(
      String graph, Map<String, InferenceRouter> nodes, ValidationResult.Builder out) {
    this.graph = graph;
    this.nodes = nodes;
    this.out = out;
  }

  static void check(
      String graph, Map<String, InferenceRouter> nodes, ValidationResult.Builder out) {
    GraphNesting nesting = new GraphNesting(graph, nodes, out);
    for (String node : nodes.keySet()) {
      nesting.walk(node, new ArrayList<>());
    }
    if (nesting.reportedCycles.isEmpty() && nodes.containsKey(InferenceGraphValidator.ROOT)) {
      List<String> chain = nesting.longest(InferenceGraphValidator.ROOT);
      if (chain.size() > MAX_DEPTH) {
        out.add(
            "spec.nodes",
            null,
            String.format(
                "InferenceGraph \"%s\" nests nodes %d deep through nodeName: %s (expected at"
                    + " most %d)",
                graph, chain.size(), String.join(" -> ", chain), MAX_DEPTH));
      }
    }
  }

  private void walk(String node, List<String> path) {
    if (done.contains(node)) {
      return;
    }
    path.add(node);
    List<InferenceStep> steps = steps(node);
    for (int i = 0; i < steps.size(); i++) {
      String next = steps.get(i).nodeName();
      if (next == null || !nodes.containsKey(next)) {
        continue;
      }
      int at = path.indexOf(next);
      if (at >= 0) {
        List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
        cycle.add(next);
        if (reportedCycles.add(Set.copyOf(cycle).toString())) {
          InferenceStep step = steps.get(i);
          out.add(
              "spec.nodes[" + node + "].steps[" + i + "].nodeName",
              next,
              String.format(
                  "Step %d (\"%s\") in node \"%s\" of InferenceGraph \"%s\" forms a cycle"
                      + " through nodeName: %s (expected: nodes that never call back into"
                      + " themselves)",
                  i,
                  step.name() == null ? "" : step.name(),
                  node,
                  graph,
                  String.join(" -> ", cycle)));
        }
      } else {
        walk(next, path);
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
  }

  /** The longest nodeName chain from {@code node} (the graph has no cycle), memoised. */
  private List<String> longest(String node) {
    List<String> known = longest.get(node);
    if (known != null) {
      return known;
    }
    List<String> best = List.of();
    for (InferenceStep step : steps(node)) {
      if (step.nodeName() != null && nodes.containsKey(step.nodeName())) {
        List<String> chain = longest(step.nodeName());
        if (chain.size() > best.size()) {
          best = chain;
        }
      }
    }
    List<String> chain = new ArrayList<>();
    chain.add(node);
    chain.addAll(best);
    longest.put(node, chain);
    return chain;
  }

  private List<InferenceStep> steps(String node) {
    InferenceRouter router = nodes.get(node);
    return router == null || router.steps() == null ? List.of() : router.steps();
  }
}
