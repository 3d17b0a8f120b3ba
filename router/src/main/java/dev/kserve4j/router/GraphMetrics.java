package dev.kserve4j.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics of one graph: per graph, node and step, a count and latency ({@code
 * _seconds_count}, {@code _seconds_sum}, {@code _seconds_max}) and errors.
 *
 * <ul>
 *   <li>{@code kserve4j_graph_request_duration_seconds{graph, code}}: requests answered, by status;
 *   <li>{@code kserve4j_graph_node_duration_seconds{graph, node}} and {@code
 *       kserve4j_graph_node_errors_total{graph, node}}: node runs, and those that failed;
 *   <li>{@code kserve4j_graph_step_duration_seconds{graph, node, step}} and {@code
 *       kserve4j_graph_step_errors_total{graph, node, step}}: step calls, and those that failed or
 *       answered non-2xx.
 * </ul>
 *
 * Meters are created once per node and step, so recording costs no lookup.
 */
public final class GraphMetrics {
  private final MeterRegistry registry;
  private final String graph;
  private final Map<String, Timer> nodeTimers = new HashMap<>();
  private final Map<String, Counter> nodeErrors = new HashMap<>();
  private final Map<String, Timer[]> stepTimers = new HashMap<>();
  private final Map<String, Counter[]> stepErrors = new HashMap<>();
  private final Map<Integer, Timer> requests = new ConcurrentHashMap<>();

  /** Metrics of {@code graph} in {@code registry}. */
  public GraphMetrics(MeterRegistry registry, RouterGraph graph) {
    this.registry = registry;
    this.graph = graph.name();
    graph
        .nodes()
        .forEach(
            (name, node) -> {
              nodeTimers.put(
                  name,
                  Timer.builder("kserve4j_graph_node_duration")
                      .description("Runs of an InferenceGraph node")
                      .tags("graph", this.graph, "node", name)
                      .register(registry));
              nodeErrors.put(
                  name,
                  Counter.builder("kserve4j_graph_node_errors")
                      .description("Runs of an InferenceGraph node that failed")
                      .tags("graph", this.graph, "node", name)
                      .register(registry));
              List<GraphStep> steps = node.steps();
              Timer[] timers = new Timer[steps.size()];
              Counter[] errors = new Counter[steps.size()];
              for (GraphStep s : steps) {
                timers[s.index()] =
                    Timer.builder("kserve4j_graph_step_duration")
                        .description("Calls of an InferenceGraph step")
                        .tags("graph", this.graph, "node", name, "step", s.label())
                        .register(registry);
                errors[s.index()] =
                    Counter.builder("kserve4j_graph_step_errors")
                        .description(
                            "Calls of an InferenceGraph step that failed or answered non-2xx")
                        .tags("graph", this.graph, "node", name, "step", s.label())
                        .register(registry);
              }
              stepTimers.put(name, timers);
              stepErrors.put(name, errors);
            });
  }

  /** Metrics that go nowhere (tests, benchmarks of the bare executor). */
  public static GraphMetrics none(RouterGraph graph) {
    return new GraphMetrics(new SimpleMeterRegistry(), graph);
  }

  void request(int status, long nanos) {
    requests
        .computeIfAbsent(
            status,
            code ->
                Timer.builder("kserve4j_graph_request_duration")
                    .description("Requests answered by an InferenceGraph")
                    .tags("graph", graph, "code", Integer.toString(code))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void node(String node, long nanos, boolean failed) {
    nodeTimers.get(node).record(nanos, TimeUnit.NANOSECONDS);
    if (failed) {
      nodeErrors.get(node).increment();
    }
  }

  void step(GraphStep step, long nanos, boolean failed) {
    stepTimers.get(step.node())[step.index()].record(nanos, TimeUnit.NANOSECONDS);
    if (failed) {
      stepErrors.get(step.node())[step.index()].increment();
    }
  }
}
