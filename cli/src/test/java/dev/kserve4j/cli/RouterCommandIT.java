package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.router.http.HeaderPropagation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kserve4j router} as a child process over HTTP, with steps on real sockets: each node type,
 * KServe's error shapes, header propagation, the host guard, metrics and the SIGTERM drain.
 */
class RouterCommandIT {
  private final StepServer steps = new StepServer();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void stop() {
    steps.close();
    http.close();
  }

  private Kserve4jProcess router(Map<String, String> env, String graphJson, String... more) {
    List<String> args = new ArrayList<>(List.of("router", "--graph-json", graphJson));
    args.addAll(List.of("--port", "0", "--host", "127.0.0.1", "--graph-name", "g"));
    args.addAll(List.of(more));
    return Kserve4jProcess.start(env, args.toArray(String[]::new));
  }

  private HttpResponse<String> post(String url, String body, String... headers) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (headers.length > 0) {
        b.headers(headers);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void runsEachNodeTypeWithKServesAnswers() {
    steps.on("/classify", 200, "{\"predictions\":[{\"label\":\"dog\"}]}");
    steps.on("/dogs", 200, "{\"breed\":\"beagle\"}");
    steps.on("/fail", 503, "{\"error\":\"busy\"}");
    String graph =
        """
        {"nodes": {
          "root": {"routerType": "Sequence", "steps": [
            {"name": "classify", "serviceUrl": "%s"},
            {"name": "fan", "nodeName": "fan", "data": "$response", "condition": "predictions.#(label==\\"dog\\")"}]},
          "fan": {"routerType": "Ensemble", "steps": [
            {"name": "dogs", "serviceUrl": "%s"},
            {"name": "which", "nodeName": "which"}]},
          "which": {"routerType": "Switch", "steps": [
            {"serviceUrl": "%s", "condition": "predictions.#(label==\\"dog\\")"}]},
          "split": {"routerType": "Splitter", "steps": [
            {"serviceUrl": "%s", "weight": 100}]},
          "hard": {"routerType": "Sequence", "steps": [
            {"serviceUrl": "%s", "dependency": "Hard"}, {"serviceUrl": "%s"}]}
        }}
        """
            .formatted(
                steps.url("/classify"),
                steps.url("/dogs"),
                steps.url("/echo"),
                steps.url("/echo"),
                steps.url("/fail"),
                steps.url("/echo"));
    try (Kserve4jProcess p = router(Map.of(), graph, "--allow-host", "127.0.0.1")) {
      String base = p.awaitReady();
      assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);

      HttpResponse<String> r = post(base + "/", "{\"instances\":[[1]]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(r.body())
          .isEqualTo(
              "{\"dogs\":{\"breed\":\"beagle\"},\"which\":{\"echo\":{\"predictions\":[{\"label\":\"dog\"}]}}}");
      // Any path runs the root node, as KServe's router.
      assertThat(post(base + "/v1/models/anything:predict", "{\"instances\":[[1]]}").statusCode())
          .isEqualTo(200);

      HttpResponse<String> metrics = get(base + "/metrics");
      assertThat(metrics.body())
          .contains("kserve4j_graph_request_duration_seconds_count{code=\"200\",graph=\"g\"} 2")
          .contains(
              "kserve4j_graph_step_duration_seconds_count{graph=\"g\",node=\"root\",step=\"classify\"}"
                  + " 2")
          .contains("kserve4j_graph_node_duration_seconds_count{graph=\"g\",node=\"which\"} 2");
    }
  }

  @Test
  void aSwitchWithoutMatchIs404AndAFailedStepNamesItself() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String graph =
        """
        {"nodes": {
          "root": {"routerType": "Switch", "steps": [
            {"serviceUrl": "%s", "condition": "go"},
            {"name": "gone", "nodeName": "gone", "condition": "down"}]},
          "gone": {"routerType": "Sequence", "steps": [
            {"name": "refused", "serviceUrl": "http://127.0.0.1:%d/v1/models/m:predict"}]}
        }}
        """
            .formatted(steps.url("/echo"), closed);
    try (Kserve4jProcess p = router(Map.of(), graph, "--allow-host", "127.0.0.1:*")) {
      String base = p.awaitReady();
      HttpResponse<String> miss = post(base + "/", "{\"other\":1}");
      assertThat(miss.statusCode()).isEqualTo(404);
      assertThat(miss.body())
          .isEqualTo(
              "{\"error\":\"Failed to process request\",\"cause\":\"None of the routes matched"
                  + " with the switch condition\"}");

      HttpResponse<String> refused = post(base + "/", "{\"down\":1}");
      assertThat(refused.statusCode()).isEqualTo(500);
      assertThat(refused.body())
          .startsWith(
              "{\"error\":\"Failed to process request\",\"cause\":\"step \\\"refused\\\" of")
          .contains("node \\\"gone\\\" (http://127.0.0.1:" + closed)
          .contains("connection refused");
      // The router keeps serving.
      assertThat(post(base + "/", "{\"go\":1}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aStepSlowerThanServiceClientIsGivenUpNamingIt() {
    String graph =
        "{\"routerTimeouts\":{\"serviceClient\":1},\"nodes\":{\"root\":{\"routerType\":\"Sequence\","
            + "\"steps\":[{\"name\":\"slow\",\"serviceUrl\":\""
            + steps.url("/hold")
            + "\"}]}}}";
    try (Kserve4jProcess p = router(Map.of(), graph, "--allow-host", "127.0.0.1")) {
      String base = p.awaitReady();
      long start = System.nanoTime();
      HttpResponse<String> r = post(base + "/", "{}");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body())
          .contains("step \\\"slow\\\" of node \\\"root\\\"")
          .contains("did not answer within 1 s (routerTimeouts.serviceClient)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void propagatesMatchingHeadersTheRequestIdAndTraceContext() {
    String graph =
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":[{\"serviceUrl\":\""
            + steps.url("/echo")
            + "\"}]}}}";
    try (Kserve4jProcess p =
        router(
            Map.of(HeaderPropagation.ENV, "Authorization,X-Team-.*"),
            graph,
            "--allow-host",
            "127.0.0.1")) {
      String base = p.awaitReady();
      HttpResponse<String> r =
          post(
              base + "/",
              "{}",
              "Authorization",
              "Bearer t",
              "X-Team-Id",
              "7",
              "X-Other",
              "no",
              "traceparent",
              "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, List<String>> seen = steps.headers.get(0);
      assertThat(seen.get("Authorization")).containsExactly("Bearer t");
      assertThat(seen.get("X-team-id")).containsExactly("7");
      assertThat(seen).doesNotContainKey("X-other");
      assertThat(seen.get("Traceparent"))
          .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      assertThat(seen.get("X-request-id")).hasSize(1);
      assertThat(r.headers().firstValue("x-request-id")).contains(seen.get("X-request-id").get(0));
    }
  }

  @Test
  void aServiceUrlOutsideTheGraphsServicesAndAllowlistIsRefusedAtStart() {
    String graph =
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":["
            + "{\"name\":\"own\",\"serviceName\":\"iris\",\"serviceUrl\":\"http://iris.default.svc.cluster.local/v1/models/iris:predict\"},"
            + "{\"name\":\"meta\",\"serviceUrl\":\"http://169.254.169.254/latest/meta-data\"}]}}}";
    Kserve4jProcess p = router(Map.of(), graph);
    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(p.stderr())
        .contains(
            "kserve4j router: InferenceGraph \"g\" cannot run: step \"meta\" of node \"root\":"
                + " serviceUrl http://169.254.169.254/latest/meta-data reaches host"
                + " \"169.254.169.254\", which is none of the graph's InferenceServices"
                + " [iris.default.svc.cluster.local] and matches no --allow-host pattern []");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--port=70000 | --port 70000 (expected 0 to 65535)",
        "--drain-timeout=-1 | --drain-timeout -1 (expected: >= 0 seconds)",
        "--allow-host=http://a/b | --allow-host \"http://a/b\" is not a host pattern",
      })
  void badFlagsExitOneNamingTheFlag(String flag, String message) {
    String graph =
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":[{\"serviceUrl\":\"http://127.0.0.1:1/\"}]}}}";
    // Refused before anything binds, so the default port is never taken.
    Kserve4jProcess p =
        Kserve4jProcess.start(
            "router",
            "--graph-json",
            graph,
            "--host",
            "127.0.0.1",
            "--allow-host",
            "127.0.0.1",
            flag);
    assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isEqualTo(1);
    assertThat(p.stderr()).contains(message);
  }

  @Test
  void graphJsonThatIsNotJsonExitsOne() {
    Kserve4jProcess p = router(Map.of(), "{nodes");
    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(p.stderr()).contains("--graph-json is not the JSON of an InferenceGraph spec");
  }

  @Test
  void aPropagateHeadersPatternThatIsNotARegexExitsOne() {
    String graph =
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":[{\"serviceUrl\":\"http://127.0.0.1:1/\"}]}}}";
    Kserve4jProcess p =
        router(Map.of(HeaderPropagation.ENV, "Good,Bad["), graph, "--allow-host", "127.0.0.1");
    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(p.stderr())
        .contains("PROPAGATE_HEADERS has patterns that are not regular expressions: \"Bad[\"");
  }

  @Test
  void anInvalidGraphExitsOneNamingTheNodeAndStep() {
    Kserve4jProcess p =
        router(
            Map.of(),
            "{\"nodes\":{\"root\":{\"routerType\":\"Splitter\",\"steps\":[{\"serviceUrl\":\"http://a\",\"weight\":60},{\"serviceUrl\":\"http://b\",\"weight\":30}]}}}");
    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(p.stderr())
        .contains(
            "InferenceGraph[g] Node[root] splitter node: the sum of traffic weights for all"
                + " routing targets should be 100");
  }

  @Test
  void sigtermFailsReadinessThenDrainsLosingNoRequest() {
    String graph =
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":[{\"serviceUrl\":\""
            + steps.url("/hold")
            + "\"}]}}}";
    try (Kserve4jProcess p =
        router(Map.of(), graph, "--allow-host", "127.0.0.1", "--drain-timeout", "2")) {
      String base = p.awaitReady();
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        inFlight.add(CompletableFuture.supplyAsync(() -> post(base + "/", "{\"i\":1}")));
      }
      await("4 requests held by the step")
          .atMost(Duration.ofSeconds(30))
          .until(() -> steps.held.get() == 4);

      p.terminate();
      await("/readyz answering 503 shutting down")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                HttpResponse<String> ready = get(base + "/readyz");
                return ready.statusCode() == 503 && ready.body().contains("shutting down");
              });
      steps.release();
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.join();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isZero();
    }
  }
}
