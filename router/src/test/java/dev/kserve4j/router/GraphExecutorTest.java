package dev.kserve4j.router;

import static dev.kserve4j.router.FakeSteps.graph;
import static dev.kserve4j.router.FakeSteps.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The executor against a table of graphs with fake steps: KServe's router semantics, node by node.
 */
class GraphExecutorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = "{\"instances\":[[1,2]]}";

  private final FakeSteps steps = new FakeSteps();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private GraphAnswer run(RouterGraph g, String body) {
    return run(g, body, () -> 0);
  }

  private GraphAnswer run(RouterGraph g, String body, java.util.function.IntSupplier point) {
    GraphExecutor executor = new GraphExecutor(g, steps, new GraphMetrics(registry, g), point);
    return executor
        .execute(new StepCall(body.getBytes(StandardCharsets.UTF_8), Map.of()))
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static void assertAnswer(GraphAnswer a, int status, String body) {
    assertThat(a.status()).as(text(a.body())).isEqualTo(status);
    assertThat(json(text(a.body()))).isEqualTo(json(body));
    assertThat(a.json()).isTrue();
  }

  private static void assertError(GraphAnswer a, int status, String causePart) {
    assertThat(a.status()).as(text(a.body())).isEqualTo(status);
    JsonNode body = json(text(a.body()));
    assertThat(body.path("error").asText()).isEqualTo("Failed to process request");
    assertThat(body.path("cause").asText()).contains(causePart);
  }

  private static final String SEQUENCE =
      """
      nodes:
        root:
          routerType: Sequence
          steps:
          - serviceUrl: http://a
            name: a
          - serviceUrl: http://b
            name: b
            data: $response
          - serviceUrl: http://c
            name: c
      """;

  @Test
  void sequencePassesTheRequestOrThePreviousResponseAndAnswersTheLastStep() {
    steps.echo("http://a").echo("http://b").echo("http://c");
    GraphAnswer a = run(graph(SEQUENCE), REQUEST);
    assertThat(steps.calls).containsExactly("http://a", "http://b", "http://c");
    assertThat(text(steps.bodies.get("http://b"))).isEqualTo("{\"http://a\":" + REQUEST + "}");
    assertThat(text(steps.bodies.get("http://c"))).isEqualTo(REQUEST); // no data: $request
    assertAnswer(a, 200, "{\"http://c\":" + REQUEST + "}");
  }

  @Test
  void mapPredictionsToInstancesRewritesPredictionsOnly() {
    steps.answer("http://a", 200, "{\"predictions\":[[0.1,0.9]],\"model_name\":\"m\"}");
    steps.echo("http://b");
    RouterGraph g =
        graph(
            """
            nodes:
              root:
                routerType: Sequence
                steps:
                - serviceUrl: http://a
                - serviceUrl: http://b
                  data: $response
                  mapPredictionsToInstances: true
            """);
    run(g, REQUEST);
    assertThat(json(text(steps.bodies.get("http://b"))))
        .isEqualTo(json("{\"instances\":[[0.1,0.9]]}"));
  }

  @Test
  void mappingLeavesABodyWithoutPredictionsAlone() {
    assertThat(text(JsonBodies.predictionsToInstances("{\"outputs\":[1]}".getBytes())))
        .isEqualTo("{\"outputs\":[1]}");
    assertThat(text(JsonBodies.predictionsToInstances("{\"predictions\":[]}".getBytes())))
        .isEqualTo("{\"predictions\":[]}");
    assertThat(text(JsonBodies.predictionsToInstances("not json".getBytes())))
        .isEqualTo("not json");
  }

  @ParameterizedTest(name = "{0} step answering {1}: status {2}, calls {3}")
  @CsvSource({
    "Hard, 503, 503, http://a;http://b",
    "Soft, 503, 200, http://a;http://b;http://c",
    "Hard, 200, 200, http://a;http://b;http://c",
  })
  void aHardStepAnsweringNon2xxEndsTheSequenceASoftOneDoesNot(
      String dependency, int bStatus, int status, String calls) {
    steps.echo("http://a").answer("http://b", bStatus, "{\"b\":1}").echo("http://c");
    RouterGraph g = graph(SEQUENCE.replace("    data: $response", "    dependency: " + dependency));
    GraphAnswer a = run(g, REQUEST);
    assertThat(steps.calls).containsExactly(calls.split(";"));
    assertThat(a.status()).isEqualTo(status);
    if (status == 503) {
      assertAnswer(a, 503, "{\"b\":1}");
    }
  }

  @Test
  void softIsTheDefaultDependency() {
    assertThat(graph(SEQUENCE).node("root").steps()).noneMatch(GraphStep::hard);
  }

  private static final String CONDITIONAL =
      """
      nodes:
        root:
          routerType: Sequence
          steps:
          - serviceUrl: http://a
          - serviceUrl: http://b
            condition: "%s"
      """;

  @Test
  void aConditionThatHoldsRunsTheStep() {
    steps.answer("http://a", 200, "{\"predictions\":[{\"label\":\"dog\"}]}").echo("http://b");
    GraphAnswer a = run(graph(CONDITIONAL.formatted("predictions")), REQUEST);
    assertThat(steps.calls).containsExactly("http://a", "http://b");
    assertAnswer(a, 200, "{\"http://b\":" + REQUEST + "}");
  }

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "predictions.#(label==\"dog\") | {\"predictions\":[{\"label\":\"dog\"}]} | true",
        "predictions.#(label==\"dog\") | {\"predictions\":[{\"label\":\"cat\"}]} | false",
        "predictions.#(label==\"dog\")# | {\"predictions\":[{\"label\":\"cat\"}]} | true",
        "[@this].#(decision_picker==ERROR) | {\"decision_picker\":\"ERROR\"} | true",
        "[@this].#(decision_picker==ERROR) | {\"decision_picker\":\"OK\"} | false",
        "predictions.0.#(>0.5) | {\"predictions\":[[0.1,0.9]]} | true",
      })
  void gjsonConditionsDecideWhetherTheStepRuns(String condition, String previous, boolean runs) {
    steps.answer("http://a", 200, previous).echo("http://b");
    GraphAnswer a = run(graph(CONDITIONAL.formatted(condition.replace("\"", "\\\""))), REQUEST);
    assertThat(steps.calls).hasSize(runs ? 2 : 1);
    assertThat(a.status()).isEqualTo(200);
  }

  @Test
  void aFailedConditionAnswersThePreviousResponseWith200() {
    steps.answer("http://a", 201, "{\"predictions\":[{\"label\":\"cat\"}]}").echo("http://b");
    GraphAnswer a = run(graph(CONDITIONAL.formatted("nothing.here")), REQUEST);
    assertThat(steps.calls).containsExactly("http://a");
    assertAnswer(a, 200, "{\"predictions\":[{\"label\":\"cat\"}]}");
  }

  @Test
  void aConditionOnAPreviousAnswerThatIsNotJsonIs500InvalidResponse() {
    steps.answer("http://a", 200, "plain text").echo("http://b");
    GraphAnswer a = run(graph(CONDITIONAL.formatted("predictions")), REQUEST);
    assertError(a, 500, "invalid response");
    assertThat(text(a.body())).contains("step \\\"1\\\" of node \\\"root\\\"", "plain text");
  }

  @Test
  void aConditionOnTheFirstStepNeverHoldsAsInKServe() {
    RouterGraph g =
        graph(
            """
            nodes:
              root:
                routerType: Sequence
                steps:
                - serviceUrl: http://a
                  condition: instances
            """);
    assertError(run(g, REQUEST), 500, "invalid response");
    assertThat(steps.calls).isEmpty();
  }

  private static final String SWITCH =
      """
      nodes:
        root:
          routerType: Switch
          steps:
          - serviceUrl: http://dogs
            condition: dog
          - serviceUrl: http://cats
            condition: cat
            dependency: Hard
          - serviceUrl: http://never
      """;

  @Test
  void switchRunsTheFirstMatchingStepAndAnswersItsStatusAsIs() {
    steps.answer("http://dogs", 200, "{\"woof\":1}").answer("http://cats", 500, "{\"no\":1}");
    assertAnswer(run(graph(SWITCH), "{\"dog\":1,\"cat\":1}"), 200, "{\"woof\":1}");
    assertAnswer(run(graph(SWITCH), "{\"cat\":1}"), 500, "{\"no\":1}");
    assertThat(steps.calls).containsExactly("http://dogs", "http://cats");
  }

  @ParameterizedTest(name = "request {0}")
  @CsvSource(
      delimiter = '|',
      value = {"{\"bird\":1}", "not json", "''"})
  void aSwitchWithoutMatchIs404(String body) {
    assertError(
        run(graph(SWITCH), body), 404, "None of the routes matched with the switch condition");
    assertThat(steps.calls).isEmpty();
  }

  private static final String SPLITTER =
      """
      nodes:
        root:
          routerType: Splitter
          steps:
          - serviceUrl: http://thirty
            weight: 30
          - serviceUrl: http://seventy
            weight: 70
      """;

  @ParameterizedTest(name = "point {0} -> {1}")
  @CsvSource({"0, http://thirty", "29, http://thirty", "30, http://seventy", "99, http://seventy"})
  void splitterPicksTheStepWhoseCumulativeWeightExceedsThePoint(int point, String expected) {
    steps.echo("http://thirty").echo("http://seventy");
    run(graph(SPLITTER), REQUEST, () -> point);
    assertThat(steps.calls).containsExactly(expected);
  }

  @Test
  void splitterDrawsUniformly() {
    steps.answer("http://thirty", 200, "{}").answer("http://seventy", 200, "{}");
    RouterGraph g = graph(SPLITTER);
    GraphExecutor executor = new GraphExecutor(g, steps, GraphMetrics.none(g));
    for (int i = 0; i < 2000; i++) {
      executor.execute(new StepCall(REQUEST.getBytes(), Map.of())).join();
    }
    long thirty = steps.calls.stream().filter("http://thirty"::equals).count();
    // 2000 draws at p = 0.3: mean 600, sd 20.5; 6 sd either side.
    assertThat(thirty).isBetween(477L, 723L);
  }

  private static final String ENSEMBLE =
      """
      nodes:
        root:
          routerType: Ensemble
          steps:
          - serviceUrl: http://a
            name: first
          - serviceUrl: http://b
          - serviceUrl: http://c
            name: third
            dependency: %s
      """;

  @Test
  void ensembleMergesEveryAnswerByStepNameOrIndex() {
    steps.answer("http://a", 200, "{\"x\":1}");
    steps.answer("http://b", 200, "{\"y\":2}");
    steps.answer("http://c", 404, "{\"z\":3}");
    assertAnswer(
        run(graph(ENSEMBLE.formatted("Soft")), REQUEST),
        200,
        "{\"first\":{\"x\":1},\"1\":{\"y\":2},\"third\":{\"z\":3}}");
    assertThat(steps.calls).containsExactlyInAnyOrder("http://a", "http://b", "http://c");
  }

  @Test
  void ensembleRunsItsStepsConcurrently() {
    CompletableFuture<StepReply> slow = new CompletableFuture<>();
    steps.on("http://a", c -> slow).answer("http://b", 200, "{}").answer("http://c", 200, "{}");
    RouterGraph g = graph(ENSEMBLE.formatted("Soft"));
    CompletableFuture<GraphAnswer> answer =
        new GraphExecutor(g, steps, GraphMetrics.none(g))
            .execute(new StepCall(REQUEST.getBytes(), Map.of()));
    // The later steps were called while the first had not answered.
    assertThat(steps.calls).containsExactlyInAnyOrder("http://a", "http://b", "http://c");
    assertThat(answer).isNotDone();
    slow.complete(FakeSteps.reply(200, "{}"));
    assertThat(answer.join().status()).isEqualTo(200);
  }

  @Test
  void ensembleAnswersTheFirstHardStepsFailure() {
    steps.answer("http://a", 200, "{\"x\":1}");
    steps.answer("http://b", 500, "{\"soft\":true}");
    steps.answer("http://c", 422, "{\"hard\":true}");
    assertAnswer(run(graph(ENSEMBLE.formatted("Hard")), REQUEST), 422, "{\"hard\":true}");
  }

  @Test
  void ensemblePartialFailureNamesTheStep() {
    steps.answer("http://a", 200, "{\"x\":1}");
    steps.answer("http://b", 200, "[1,2]");
    steps.on("http://c", c -> CompletableFuture.failedFuture(new ConnectException("refused")));
    GraphAnswer a = run(graph(ENSEMBLE.formatted("Soft")), REQUEST);
    assertError(a, 500, "step \"1\" of node \"root\" (http://b) answered 200 with \"[1,2]\"");
  }

  @Test
  void aRefusedConnectionIs500NamingTheStep() {
    steps.on("http://a", c -> CompletableFuture.failedFuture(new ConnectException("refused")));
    GraphAnswer a = run(graph(SEQUENCE), REQUEST);
    assertError(a, 500, "step \"a\" of node \"root\" (http://a) failed: refused");
    assertThat(steps.calls).containsExactly("http://a");
  }

  @Test
  void aStepThatDoesNotAnswerWithinServiceClientTimesOut() {
    steps.on("http://a", c -> new CompletableFuture<>());
    RouterGraph g = graph(SEQUENCE + "routerTimeouts:\n  serviceClient: 1\n");
    assertThat(g.serviceClientTimeout()).contains(Duration.ofSeconds(1));
    long start = System.nanoTime();
    GraphAnswer a = run(g, REQUEST);
    assertError(a, 500, "step \"a\" of node \"root\" (http://a) did not answer within 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static final String NESTED =
      """
      nodes:
        root:
          routerType: Sequence
          steps:
          - nodeName: split
            name: inner
          - serviceUrl: http://last
            data: $response
        split:
          routerType: Switch
          steps:
          - serviceUrl: http://yes
            condition: "instances"
      """;

  @Test
  void nodeNameStepsRecurse() {
    steps.echo("http://yes").echo("http://last");
    GraphAnswer a = run(graph(NESTED), REQUEST);
    assertThat(steps.calls).containsExactly("http://yes", "http://last");
    assertAnswer(a, 200, "{\"http://last\":{\"http://yes\":" + REQUEST + "}}");
  }

  @Test
  void aNestedNodesFailureIs500OfTheStepThatRanIt() {
    // KServe turns any error of a nested node into a 500: a Switch miss is 404 only at the root.
    GraphAnswer a = run(graph(NESTED), "{\"other\":1}");
    assertError(a, 500, "None of the routes matched with the switch condition");
    assertThat(steps.calls).isEmpty();
  }

  @Test
  void aBodyThatIsNotJsonIsAnsweredWithoutTheJsonContentType() {
    steps
        .answer("http://a", 200, "plain")
        .answer("http://b", 200, "x")
        .answer("http://c", 200, "ok");
    GraphAnswer a = run(graph(SEQUENCE), REQUEST);
    assertThat(a.status()).isEqualTo(200);
    assertThat(text(a.body())).isEqualTo("ok");
    assertThat(a.json()).isFalse();
  }

  @Test
  void metricsCountRequestsNodesStepsAndErrors() {
    steps.echo("http://a").answer("http://b", 500, "{}").echo("http://c");
    run(graph(SEQUENCE), REQUEST);
    run(graph(SEQUENCE), REQUEST);
    assertThat(
            registry
                .get("kserve4j_graph_request_duration")
                .tags("graph", "g", "code", "200")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("kserve4j_graph_node_duration").tags("node", "root").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("kserve4j_graph_step_duration").tags("step", "b").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("kserve4j_graph_step_errors").tags("step", "b").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("kserve4j_graph_step_errors").tags("step", "a").counter().count())
        .isZero();
    assertThat(List.of(registry.getMeters().size())).isNotEmpty();
  }
}
