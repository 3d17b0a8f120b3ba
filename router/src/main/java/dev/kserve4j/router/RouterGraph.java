package dev.kserve4j.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.api.gjson.GjsonPath;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import dev.kserve4j.api.v1alpha1.RouterTimeouts;
import dev.kserve4j.api.v1alpha1.StepDependency;
import dev.kserve4j.api.validation.InferenceGraphValidator;
import dev.kserve4j.api.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An InferenceGraph checked and compiled for the executor: its nodes with their steps, conditions
 * compiled once, and the router's timeouts. Built from the spec ({@code kserve4j up}) or from the
 * {@code --graph-json} the operator passes to {@code kserve4j router}; either way a graph that
 * cannot run is refused here, with KServe's messages, before any request.
 */
public final class RouterGraph {
  /** The node every request enters. */
  public static final String ROOT = InferenceGraphValidator.ROOT;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final String name;
  private final InferenceGraphSpec spec;
  private final Map<String, GraphNode> nodes;

  private RouterGraph(String name, InferenceGraphSpec spec, Map<String, GraphNode> nodes) {
    this.name = name;
    this.spec = spec;
    this.nodes = Map.copyOf(nodes);
  }

  /**
   * Reads the graph from the JSON of its spec ({@code --graph-json}), as KServe's router does.
   *
   * @throws GraphDefinitionException when it is not JSON of an InferenceGraph spec, or cannot run
   */
  public static RouterGraph fromJson(String name, String json) {
    InferenceGraphSpec spec;
    try {
      spec = JSON.readValue(json, InferenceGraphSpec.class);
    } catch (JsonProcessingException e) {
      throw new GraphDefinitionException(
          name,
          List.of(
              "--graph-json is not the JSON of an InferenceGraph spec: "
                  + e.getOriginalMessage()
                  + " (expected e.g. {\"nodes\": {\"root\": {\"routerType\": \"Sequence\","
                  + " \"steps\": [{\"serviceUrl\": \"http://...\"}]}}})"));
    }
    if (spec == null) {
      throw new GraphDefinitionException(name, List.of("--graph-json is empty"));
    }
    return compile(name, spec);
  }

  /**
   * Checks {@code spec} as KServe's webhook does (plus conditions, cycles and nesting depth) and
   * compiles it.
   *
   * @throws GraphDefinitionException listing every problem when it cannot run
   */
  public static RouterGraph compile(String name, InferenceGraphSpec spec) {
    InferenceGraph graph = new InferenceGraph();
    graph.setMetadata(new ObjectMetaBuilder().withName(name).build());
    graph.setSpec(asWritten(spec));
    ValidationResult result = new InferenceGraphValidator().validate(graph);
    if (!result.isValid()) {
      throw new GraphDefinitionException(
          name, result.errors().stream().map(e -> e.path() + ": " + e.message()).toList());
    }
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    spec.getNodes().forEach((nodeName, node) -> nodes.put(nodeName, node(nodeName, node)));
    return new RouterGraph(name, spec, nodes);
  }

  /**
   * The spec as its author wrote it: a {@code serviceName} step whose URL the operator resolved
   * (KServe's controller fills {@code serviceUrl} in the same way) is checked as a {@code
   * serviceName} step.
   */
  private static InferenceGraphSpec asWritten(InferenceGraphSpec spec) {
    if (spec.getNodes() == null) {
      return spec;
    }
    Map<String, InferenceRouter> nodes = new LinkedHashMap<>();
    spec.getNodes()
        .forEach(
            (name, node) ->
                nodes.put(
                    name,
                    node == null || node.steps() == null
                        ? node
                        : new InferenceRouter(
                            node.routerType(),
                            node.steps().stream().map(RouterGraph::unresolved).toList(),
                            node.additionalProperties())));
    InferenceGraphSpec copy = JSON.convertValue(spec, InferenceGraphSpec.class);
    copy.setNodes(nodes);
    return copy;
  }

  private static InferenceStep unresolved(InferenceStep s) {
    if (s == null || blankToNull(s.serviceName()) == null || blankToNull(s.serviceUrl()) == null) {
      return s;
    }
    return new InferenceStep(
        s.name(),
        s.nodeName(),
        s.serviceName(),
        null,
        s.data(),
        s.mapPredictionsToInstances(),
        s.weight(),
        s.condition(),
        s.dependency(),
        s.additionalProperties());
  }

  private static GraphNode node(String nodeName, InferenceRouter node) {
    List<GraphStep> steps = new ArrayList<>();
    for (int i = 0; i < node.steps().size(); i++) {
      InferenceStep s = node.steps().get(i);
      steps.add(
          new GraphStep(
              nodeName,
              i,
              s.name() == null ? "" : s.name(),
              blankToNull(s.nodeName()),
              blankToNull(s.serviceName()),
              blankToNull(s.serviceUrl()),
              "$response".equals(s.data()),
              Boolean.TRUE.equals(s.mapPredictionsToInstances()),
              s.weight() == null ? 0 : s.weight(),
              s.condition() == null || s.condition().isEmpty()
                  ? null
                  : GjsonPath.compile(s.condition()),
              s.dependency() == StepDependency.HARD));
    }
    return new GraphNode(nodeName, node.routerType(), steps);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The graph's name (for metrics and errors). */
  public String name() {
    return name;
  }

  /** The spec it was compiled from. */
  public InferenceGraphSpec spec() {
    return spec;
  }

  /** The node named {@code node}; the validator made sure every {@code nodeName} has one. */
  public GraphNode node(String node) {
    GraphNode n = nodes.get(node);
    if (n == null) {
      throw new IllegalArgumentException("no node \"" + node + "\" in graph \"" + name + "\"");
    }
    return n;
  }

  /** Every node, by name. */
  public Map<String, GraphNode> nodes() {
    return nodes;
  }

  /** Every step that calls a service or URL (not another node), in node and step order. */
  public List<GraphStep> serviceSteps() {
    return nodes.values().stream()
        .flatMap(n -> n.steps().stream())
        .filter(s -> s.nodeName() == null)
        .toList();
  }

  /** {@code routerTimeouts.serviceClient}: how long one step may take; unset means no limit. */
  public Optional<Duration> serviceClientTimeout() {
    return Optional.ofNullable(spec.getRouterTimeouts())
        .map(RouterTimeouts::serviceClient)
        .map(Duration::ofSeconds);
  }
}
