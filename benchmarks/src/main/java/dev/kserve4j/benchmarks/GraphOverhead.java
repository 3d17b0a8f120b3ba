package dev.kserve4j.benchmarks;

import dev.kserve4j.router.GraphExecutor;
import dev.kserve4j.router.GraphMetrics;
import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.RouterGraph;
import dev.kserve4j.router.StepCall;
import dev.kserve4j.router.StepInvoker;
import dev.kserve4j.router.StepReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The graph executor's own cost, with no transport and no model: a Sequence of N {@code serviceUrl}
 * steps over a step invoker that answers at once with a fixed V1 answer, against calling that
 * invoker directly, one request at a time on one thread. The difference is what the executor adds
 * (node and step bookkeeping, futures, the graph's metrics); divided by N, its cost per step.
 *
 * <p>Usage: {@code GraphOverhead SECONDS STEPS...}; prints one line per step count: {@code steps=N
 * direct_p50_ns=... direct_p99_ns=... graph_p50_ns=... graph_p99_ns=... overhead_p50_ns=...
 * per_step_ns=... calls=...}. Each count is warmed up for 2 s first.
 */
public final class GraphOverhead {
  private static final byte[] REQUEST =
      "{\"instances\":[[6.8,2.8,4.8,1.4]]}".getBytes(StandardCharsets.UTF_8);
  private static final StepReply ANSWER =
      new StepReply(200, "{\"predictions\":[1]}".getBytes(StandardCharsets.UTF_8));

  private GraphOverhead() {}

  public static void main(String[] args) {
    double seconds = Double.parseDouble(args[0]);
    StepInvoker invoker = (step, call) -> CompletableFuture.completedFuture(ANSWER);
    StepCall call = new StepCall(REQUEST, Map.of("x-request-id", List.of("bench")));
    for (String arg : List.of(args).subList(1, args.length)) {
      int steps = Integer.parseInt(arg);
      RouterGraph graph = RouterGraph.fromJson("bench", sequence(steps));
      GraphExecutor executor = new GraphExecutor(graph, invoker, GraphMetrics.none(graph));
      GraphStep first = graph.node(RouterGraph.ROOT).steps().get(0);
      long warmEnd = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        invoker.invoke(first, call).join();
        executor.execute(call).join();
      }
      // Alternate the two in short slices, so that a change of machine load weighs on both.
      LatencyRecorder direct = new LatencyRecorder();
      LatencyRecorder routed = new LatencyRecorder();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1000; i++) {
          long t0 = System.nanoTime();
          invoker.invoke(first, call).join();
          direct.record(System.nanoTime() - t0);
        }
        for (int i = 0; i < 1000; i++) {
          long t0 = System.nanoTime();
          if (executor.execute(call).join().status() != 200) {
            throw new IllegalStateException("the graph did not answer 200");
          }
          routed.record(System.nanoTime() - t0);
        }
      }
      double overhead = (routed.percentileMicros(50) - direct.percentileMicros(50)) * 1000;
      System.out.printf(
          Locale.ROOT,
          "steps=%d direct_p50_ns=%.0f direct_p99_ns=%.0f graph_p50_ns=%.0f graph_p99_ns=%.0f"
              + " overhead_p50_ns=%.0f per_step_ns=%.0f calls=%d%n",
          steps,
          direct.percentileMicros(50) * 1000,
          direct.percentileMicros(99) * 1000,
          routed.percentileMicros(50) * 1000,
          routed.percentileMicros(99) * 1000,
          overhead,
          overhead / steps,
          routed.count());
    }
  }

  /** The spec of a graph whose root is a Sequence of {@code steps} steps, each on the request. */
  static String sequence(int steps) {
    StringBuilder json = new StringBuilder("{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",");
    json.append("\"steps\":[");
    for (int i = 0; i < steps; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"serviceUrl\":\"http://127.0.0.1:8080/v1/models/iris:predict\"}");
    }
    return json.append("]}}}").toString();
  }
}
