package dev.kserve4j.router;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.api.gjson.GjsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Runs a graph with KServe's router semantics ({@code cmd/router/main.go}), calling service steps
 * through a {@link StepInvoker}.
 *
 * <ul>
 *   <li><b>Sequence</b>: steps in order; a step gets the original request, or the previous answer
 *       with {@code data: $response}; a {@code condition} is looked up in the previous answer, and
 *       when it selects nothing the node answers that previous answer with 200; a {@code Hard} step
 *       answering non-2xx ends the node with its answer; else the last step's answer.
 *   <li><b>Switch</b>: the first step whose condition selects something in the request runs and its
 *       answer is the node's; none: 404 "None of the routes matched with the switch condition".
 *   <li><b>Splitter</b>: a uniformly random point in [0, 100) picks the step whose cumulative
 *       weight first exceeds it.
 *   <li><b>Ensemble</b>: every step at once; each answer must be a JSON object; the node answers
 *       {@code {"<step name or index>": <answer>, ...}} with 200, or the first {@code Hard} step's
 *       non-2xx answer.
 * </ul>
 *
 * A step that cannot be reached, times out ({@code routerTimeouts.serviceClient}) or answers what a
 * node needs as JSON with something else fails the request with 500 and a cause naming the step; a
 * nested node's failure becomes a 500 of the step that ran it, as in KServe. Thread-safe: one
 * executor serves all requests of a graph.
 */
public final class GraphExecutor {
  private final RouterGraph graph;
  private final StepInvoker invoker;
  private final GraphMetrics metrics;
  private final IntSupplier splitPoint;
  private final Optional<Duration> stepTimeout;

  /** An executor drawing Splitter points uniformly at random. */
  public GraphExecutor(RouterGraph graph, StepInvoker invoker, GraphMetrics metrics) {
    this(graph, invoker, metrics, () -> ThreadLocalRandom.current().nextInt(100));
  }

  /** An executor taking Splitter points in [0, 100) from {@code splitPoint}. */
  public GraphExecutor(
      RouterGraph graph, StepInvoker invoker, GraphMetrics metrics, IntSupplier splitPoint) {
    this.graph = graph;
    this.invoker = invoker;
    this.metrics = metrics;
    this.splitPoint = splitPoint;
    this.stepTimeout = graph.serviceClientTimeout();
  }

  /** The graph it runs. */
  public RouterGraph graph() {
    return graph;
  }

  /**
   * Runs the root node on {@code call}. Never completes exceptionally: a failure is answered with
   * KServe's error body and status.
   */
  public CompletableFuture<GraphAnswer> execute(StepCall call) {
    long start = System.nanoTime();
    CompletableFuture<StepReply> root;
    try {
      root = node(RouterGraph.ROOT, call);
    } catch (RuntimeException e) {
      root = CompletableFuture.failedFuture(e);
    }
    return root.handle(
        (reply, error) -> {
          GraphAnswer answer =
              error == null
                  ? new GraphAnswer(reply.status(), reply.body(), JsonBodies.valid(reply.body()))
                  : failure(error);
          metrics.request(answer.status(), System.nanoTime() - start);
          return answer;
        });
  }

  private static GraphAnswer failure(Throwable error) {
    Throwable e = unwrap(error);
    int status = e instanceof GraphFailure f ? f.status() : 500;
    String cause = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return new GraphAnswer(status, JsonBodies.error(cause), true);
  }

  private CompletableFuture<StepReply> node(String name, StepCall call) {
    GraphNode node = graph.node(name);
    long start = System.nanoTime();
    CompletableFuture<StepReply> out =
        switch (node.type()) {
          case SEQUENCE -> sequence(node, 0, call, null);
          case SWITCH -> switchNode(node, call);
          case SPLITTER -> splitter(node, call);
          case ENSEMBLE -> ensemble(node, call);
        };
    return out.whenComplete((r, e) -> metrics.node(name, System.nanoTime() - start, e != null));
  }

  private CompletableFuture<StepReply> sequence(
      GraphNode node, int i, StepCall original, StepReply previous) {
    List<GraphStep> steps = node.steps();
    if (i == steps.size()) {
      return CompletableFuture.completedFuture(previous);
    }
    GraphStep step = steps.get(i);
    byte[] body = step.response() && i > 0 ? previous.body() : original.body();
    if (step.mapPredictionsToInstances()) {
      body = JsonBodies.predictionsToInstances(body);
    }
    if (step.condition() != null) {
      byte[] prior = previous == null ? new byte[0] : previous.body();
      Optional<JsonNode> tree = JsonBodies.parse(prior);
      if (tree.isEmpty()) {
        return CompletableFuture.failedFuture(
            new GraphFailure(
                500,
                "invalid response: the condition of "
                    + step.describe()
                    + " is looked up in the previous step's answer, which is "
                    + (previous == null
                        ? "missing (a condition on a Sequence's first step never holds)"
                        : "not JSON: " + JsonBodies.preview(prior))));
      }
      if (!step.condition().exists(tree.get())) {
        return CompletableFuture.completedFuture(new StepReply(200, prior));
      }
    }
    return step(step, original.withBody(body))
        .thenCompose(
            reply ->
                step.hard() && !reply.successful()
                    ? CompletableFuture.completedFuture(reply)
                    : sequence(node, i + 1, original, reply));
  }

  private CompletableFuture<StepReply> switchNode(GraphNode node, StepCall call) {
    Optional<JsonNode> request = JsonBodies.parse(call.body());
    if (request.isPresent()) {
      for (GraphStep step : node.steps()) {
        GjsonPath condition = step.condition();
        if (condition != null && condition.exists(request.get())) {
          return step(step, call);
        }
      }
    }
    return CompletableFuture.failedFuture(
        new GraphFailure(404, "None of the routes matched with the switch condition"));
  }

  private CompletableFuture<StepReply> splitter(GraphNode node, StepCall call) {
    int point = splitPoint.getAsInt();
    long end = 0;
    for (GraphStep step : node.steps()) {
      end += step.weight();
      if (point < end) {
        return step(step, call);
      }
    }
    return CompletableFuture.failedFuture(
        new GraphFailure(
            500,
            "no route was selected by the splitter of node \""
                + node.name()
                + "\" (point "
                + point
                + ", weights summing to "
                + end
                + ")"));
  }

  private CompletableFuture<StepReply> ensemble(GraphNode node, StepCall call) {
    List<GraphStep> steps = node.steps();
    @SuppressWarnings("unchecked")
    CompletableFuture<StepReply>[] calls = new CompletableFuture[steps.size()];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = step(steps.get(i), call);
    }
    return CompletableFuture.allOf(calls)
        .handle(
            (ignored, ignoredError) -> {
              Map<String, JsonNode> merged = new LinkedHashMap<>();
              for (int i = 0; i < calls.length; i++) {
                GraphStep step = steps.get(i);
                StepReply reply;
                try {
                  reply = calls[i].join();
                } catch (CompletionException e) {
                  throw new CompletionException(unwrap(e));
                }
                JsonNode answer =
                    JsonBodies.parse(reply.body())
                        .filter(t -> t.isObject() || t.isNull())
                        .orElseThrow(
                            () ->
                                new GraphFailure(
                                    500,
                                    step.describe()
                                        + " ("
                                        + step.target()
                                        + ") answered "
                                        + reply.status()
                                        + " with "
                                        + JsonBodies.preview(reply.body())
                                        + ", which is not a JSON object (an Ensemble merges"
                                        + " its steps' JSON objects)"));
                if (step.hard() && !reply.successful()) {
                  return new StepReply(reply.status(), JsonBodies.write(answer));
                }
                merged.put(step.label(), answer);
              }
              return new StepReply(200, JsonBodies.merge(merged));
            });
  }

  /** Runs one step: a nested node, or a call through the invoker, timed and named in failures. */
  private CompletableFuture<StepReply> step(GraphStep step, StepCall call) {
    if (step.nodeName() != null) {
      return node(step.nodeName(), call)
          .exceptionallyCompose(
              e -> {
                Throwable cause = unwrap(e);
                return CompletableFuture.failedFuture(
                    new GraphFailure(
                        500,
                        cause.getMessage() == null ? cause.toString() : cause.getMessage(),
                        cause));
              });
    }
    long start = System.nanoTime();
    CompletableFuture<StepReply> reply;
    try {
      reply = invoker.invoke(step, call);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    if (stepTimeout.isPresent()) {
      reply = reply.orTimeout(stepTimeout.get().toNanos(), TimeUnit.NANOSECONDS);
    }
    return reply.handle(
        (r, e) -> {
          metrics.step(step, System.nanoTime() - start, e != null || !r.successful());
          if (e == null) {
            return r;
          }
          throw new GraphFailure(500, stepError(step, unwrap(e)), unwrap(e));
        });
  }

  private String stepError(GraphStep step, Throwable e) {
    String where = step.describe() + " (" + step.target() + ")";
    if (e instanceof TimeoutException) {
      return where
          + " did not answer within "
          + stepTimeout.map(d -> d.toSeconds() + " s").orElse("its timeout")
          + " (routerTimeouts.serviceClient)";
    }
    if (e instanceof GraphFailure) {
      return where + ": " + e.getMessage();
    }
    return where
        + " failed: "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
