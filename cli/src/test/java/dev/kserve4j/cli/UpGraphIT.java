package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InferenceGraphs through the commands: {@code up -f} serves a graph file beside its service, the
 * graph answers at {@code /serving/{namespace}/{name}}, {@code get ig} prints KServe's columns,
 * {@code apply -f} and {@code delete ig} add and remove one, and a graph that cannot run is refused
 * at apply with its node and step named.
 */
class UpGraphIT {
  private static final String IRIS = "{\"instances\":[[6.8,2.8,4.8,1.4]]}";
  @TempDir static Path dir;
  static Kserve4jProcess up;
  static String base;
  static String admin;
  static final HttpClient http = HttpClient.newHttpClient();

  static String graph(String name, String routerType) {
    return """
    apiVersion: serving.kserve.io/v1alpha1
    kind: InferenceGraph
    metadata:
      name: %s
    spec:
      nodes:
        root:
          routerType: %s
          steps:
          - name: iris
            serviceName: iris
    """
        .formatted(name, routerType);
  }

  @BeforeAll
  static void start() throws IOException {
    Path manifests = Files.createDirectory(dir.resolve("manifests"));
    Files.writeString(
        manifests.resolve("iris.yaml"),
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
        spec:
          predictor:
            model:
              modelFormat: {name: onnx}
              storageUri: %s
        """
            .formatted(TestModels.directory("iris-onnx").toAbsolutePath()));
    Files.writeString(manifests.resolve("graph.yaml"), graph("chain", "Sequence"));
    up =
        Kserve4jProcess.start(
            "up",
            "-f",
            manifests.toString(),
            "--port",
            "0",
            "--grpc-port",
            "-1",
            "--admin-port",
            "0");
    base = up.awaitReady();
    admin = UpCommandIT.adminUrl(up);
  }

  @AfterAll
  static void stop() {
    up.close();
    http.close();
  }

  static Kserve4jProcess client(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", admin));
    return Kserve4jProcess.run(all.toArray(String[]::new));
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(IRIS))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void upServesTheGraphFileAndGetIgPrintsKServesColumns() throws Exception {
    assertThat(up.stdoutLines())
        .contains("inferencegraph/chain: READY True, URL http://chain.default.example.com");

    HttpResponse<String> direct = post("/v1/models/iris:predict");
    HttpResponse<String> viaGraph = post("/serving/default/chain");
    assertThat(viaGraph.statusCode()).as(viaGraph.body()).isEqualTo(200);
    assertThat(viaGraph.body()).isEqualTo(direct.body());

    Kserve4jProcess get = client("get", "ig");
    assertThat(get.exitCode()).as(get.output()).isZero();
    List<String> lines = get.stdoutLines();
    assertThat(lines.get(0)).matches("NAME +URL +READY +AGE");
    assertThat(lines.get(1)).matches("chain +http://chain\\.default\\.example\\.com +True +\\d+s");

    Kserve4jProcess yaml = client("get", "inferencegraph", "chain", "-o", "yaml");
    assertThat(yaml.stdout())
        .contains(
            "kind: InferenceGraph", "routerType: Sequence", "type: Ready", "status: \"True\"");
  }

  @Test
  void upRefusesAnAllowHostThatIsNotAHostPattern() {
    Kserve4jProcess bad =
        Kserve4jProcess.run(
            "up",
            "-f",
            dir.toString(),
            "--port",
            "0",
            "--grpc-port",
            "-1",
            "--admin-port",
            "0",
            "--allow-host",
            "http://a/b");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("--allow-host \"http://a/b\" is not a host pattern");
  }

  @Test
  void applyAndDeleteAGraph() throws Exception {
    Path file = Files.writeString(dir.resolve("ensemble.yaml"), graph("both", "Ensemble"));
    Kserve4jProcess apply = client("apply", "-f", file.toString());
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.stdout())
        .contains("inferencegraph/both: READY True, URL http://both.default.example.com");
    HttpResponse<String> r = post("/serving/default/both");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"iris\":{\"predictions\":");

    Kserve4jProcess delete = client("delete", "ig", "both");
    assertThat(delete.stdout()).contains("inferencegraph.serving.kserve.io \"both\" deleted");
    assertThat(client("get", "ig", "both").exitCode()).isEqualTo(1);
    assertThat(post("/serving/default/both").statusCode()).isEqualTo(404);
  }

  @Test
  void aGraphThatCannotRunIsRefusedAtApplyNamingTheNodeAndStep() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: InferenceGraph
            metadata:
              name: bad
            spec:
              nodes:
                root:
                  routerType: Sequence
                  steps:
                  - {name: loop, nodeName: root}
                  - {name: odd, serviceName: iris, condition: "predictions.#(label=="}
            """);
    Kserve4jProcess apply = client("apply", "-f", file.toString());
    assertThat(apply.exitCode()).isNotZero();
    assertThat(apply.stderr())
        .contains(
            "admission webhook \"inferencegraph.kserve-webhook-server.validator\" denied the"
                + " request",
            "Step 0 (\"loop\") in node \"root\" of InferenceGraph \"bad\" forms a cycle through"
                + " nodeName: root -> root",
            "Step 1 (\"odd\") in node \"root\" of InferenceGraph \"bad\" has a condition that is"
                + " not valid GJSON");
    assertThat(client("get", "ig", "bad").exitCode()).isEqualTo(1);
  }
}
