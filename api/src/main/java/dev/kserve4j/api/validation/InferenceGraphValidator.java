package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.gjson.GjsonPath;
import dev.kserve4j.api.gjson.GjsonSyntaxException;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import dev.kserve4j.api.v1alpha1.RouterType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks an InferenceGraph as KServe's validating webhook does ({@code validateInferenceGraph} in
 * {@code v1alpha1/inference_graph_validation.go}), reporting every problem rather than the first.
 *
 * <p>Rules: the name is a DNS-1035 label; a node named {@code root} exists; every node has a {@code
 * routerType}; step names are unique within a node; each step has exactly one target of {@code
 * nodeName}, {@code serviceName}, {@code serviceUrl}; a Splitter's steps all have weights that sum
 * to 100. Beyond KServe, which finds these only when routing: a {@code nodeName} must name a node
 * of the graph, a node must have steps, {@code nodeName} steps must not form a cycle (KServe's
 * router would recurse until it runs out of stack), a {@code condition} must be a GJSON path the
 * router can evaluate and nest at most {@value GraphNesting#MAX_DEPTH} deep.
 */
public final class InferenceGraphValidator {
  /** The entry node of every graph ({@code GraphRootNodeName}). */
  public static final String ROOT = "root";

  /** Every problem of {@code graph}, each with its field path. */
  public ValidationResult validate(InferenceGraph graph) {
    requireNonNull(graph, "graph");
    ValidationResult.Builder out = new ValidationResult.Builder();
    String name = graph.getMetadata() == null ? null : graph.getMetadata().getName();
    InferenceServiceValidator.nameProblem("InferenceGraph", "The", name)
        .ifPresent(m -> out.add("metadata.name", name, m));
    Map<String, InferenceRouter> nodes =
        graph.getSpec() == null || graph.getSpec().getNodes() == null
            ? Map.of()
            : graph.getSpec().getNodes();
    if (!nodes.containsKey(ROOT)) {
      out.add(
          "spec.nodes",
          nodes.keySet(),
          "root node not found, InferenceGraph needs a node with name 'root' as the root node of"
              + " the graph");
    }
    nodes.forEach((nodeName, node) -> validateNode(name, nodeName, node, nodes.keySet(), out));
    GraphNesting.check(name, nodes, out);
    return out.build();
  }

  private static void validateNode(
      String graph,
      String nodeName,
      InferenceRouter node,
      Set<String> nodeNames,
      ValidationResult.Builder out) {
    String at = "spec.nodes[" + nodeName + "]";
    if (node == null) {
      out.add(at, null, "node is empty (expected: routerType and steps)");
      return;
    }
    if (node.routerType() == null) {
      out.add(
          at + ".routerType",
          null,
          "routerType is required (expected: one of Sequence, Splitter, Ensemble, Switch)");
    }
    List<InferenceStep> steps = node.steps() == null ? List.of() : node.steps();
    if (steps.isEmpty()) {
      out.add(
          at + ".steps", null, "node \"" + nodeName + "\" has no steps (expected: at least one)");
    }
    Set<String> stepNames = new HashSet<>();
    long weights = 0;
    boolean allWeighted = true;
    for (int i = 0; i < steps.size(); i++) {
      InferenceStep step = steps.get(i);
      String stepAt = at + ".steps[" + i + "]";
      if (step.name() != null && !step.name().isEmpty() && !stepNames.add(step.name())) {
        out.add(
            stepAt + ".name",
            step.name(),
            String.format(
                "Node \"%s\" of InferenceGraph \"%s\" contains more than one step with name \"%s\"",
                nodeName, graph, step.name()));
      }
      validateTarget(graph, nodeName, i, step, stepAt, nodeNames, out);
      validateCondition(graph, nodeName, i, step, stepAt, out);
      if (node.routerType() == RouterType.SPLITTER) {
        if (step.weight() == null) {
          allWeighted = false;
          out.add(
              stepAt + ".weight",
              null,
              String.format(
                  "InferenceGraph[%s] Node[%s] Route[%s] missing the 'Weight'",
                  graph, nodeName, step.serviceName()));
        } else {
          weights += step.weight();
        }
      }
    }
    if (node.routerType() == RouterType.SPLITTER && allWeighted && weights != 100) {
      out.add(
          at + ".steps",
          weights,
          String.format(
              "InferenceGraph[%s] Node[%s] splitter node: the sum of traffic weights for all"
                  + " routing targets should be 100",
              graph, nodeName));
    }
  }

  private static void validateCondition(
      String graph,
      String nodeName,
      int i,
      InferenceStep step,
      String stepAt,
      ValidationResult.Builder out) {
    if (step.condition() == null || step.condition().isEmpty()) {
      return;
    }
    try {
      GjsonPath.compile(step.condition());
    } catch (GjsonSyntaxException e) {
      out.add(
          stepAt + ".condition",
          step.condition(),
          String.format(
              "Step %d (\"%s\") in node \"%s\" of InferenceGraph \"%s\" has a condition that is"
                  + " not valid GJSON: %s (expected a GJSON path, e.g."
                  + " predictions.#(label==\"dog\"))",
              i, step.name() == null ? "" : step.name(), nodeName, graph, e.getMessage()));
    }
  }

  private static void validateTarget(
      String graph,
      String nodeName,
      int i,
      InferenceStep step,
      String stepAt,
      Set<String> nodeNames,
      ValidationResult.Builder out) {
    long targets =
        Stream.of(step.nodeName(), step.serviceName(), step.serviceUrl())
            .filter(t -> t != null && !t.isEmpty())
            .count();
    if (targets == 0) {
      out.add(
          stepAt,
          null,
          String.format(
              "Step %d (\"%s\") in node \"%s\" of InferenceGraph \"%s\" does not specify an"
                  + " inference target",
              i, step.name() == null ? "" : step.name(), nodeName, graph));
    } else if (targets > 1) {
      out.add(
          stepAt,
          null,
          String.format(
              "Step %d (\"%s\") in node \"%s\" of InferenceGraph \"%s\" specifies more than one of"
                  + " nodeName, serviceName, serviceUrl",
              i, step.name() == null ? "" : step.name(), nodeName, graph));
    }
    if (step.nodeName() != null
        && !step.nodeName().isEmpty()
        && !nodeNames.contains(step.nodeName())) {
      out.add(
          stepAt + ".nodeName",
          step.nodeName(),
          "no node named \""
              + step.nodeName()
              + "\" in the graph (expected: one of "
              + nodeNames
              + ")");
    }
  }
}
