package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kserve4j up} and the client verbs as users run them: {@code up} in one child JVM on free
 * ports, {@code apply}, {@code get} and {@code delete} each in their own, against its admin API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpCommandIT {
  static final HttpClient http = ServeCommandIT.newClient();
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ADMIN_URL = Pattern.compile("admin API (http://[0-9.]+:[0-9]+)");
  @TempDir static Path dir;
  static Kserve4jProcess up;
  static String base;
  static String admin;

  static String isvc(String name) {
    return """
    apiVersion: serving.kserve.io/v1beta1
    kind: InferenceService
    metadata:
      name: %s
    spec:
      predictor:
        model:
          modelFormat: {name: onnx}
          storageUri: %s
    """
        .formatted(name, TestModels.directory("iris-onnx").toAbsolutePath());
  }

  @BeforeAll
  static void start() throws IOException {
    Path manifests = Files.createDirectory(dir.resolve("manifests"));
    Files.writeString(
        manifests.resolve("iris.yaml"),
        isvc("iris")
            + """
            ---
            apiVersion: serving.kserve.io/v1alpha1
            kind: ServingRuntime
            metadata:
              name: my-runtime
            spec:
              supportedModelFormats: [{name: onnx}]
              containers: [{name: kserve-container, image: example/runtime:1}]
            """);
    // Every port picked by the system as it binds, and read back from the ready line.
    up =
        Kserve4jProcess.start(
            "up",
            "-f",
            manifests.toString(),
            "--port",
            "0",
            "--grpc-port",
            "0",
            "--admin-port",
            "0");
    base = up.awaitReady();
    admin = adminUrl(up);
  }

  /** The admin API's URL that the ready line of {@code up} names, e.g. http://127.0.0.1:1234. */
  static String adminUrl(Kserve4jProcess up) {
    String ready = up.line(l -> l.contains("kserve4j ready")).orElseThrow();
    Matcher m = ADMIN_URL.matcher(ready);
    if (!m.find()) {
      throw new AssertionError("the ready line names no admin API URL: " + ready);
    }
    return m.group(1);
  }

  @AfterAll
  static void stop() {
    up.close();
  }

  /** A port nothing listens on (for a client that must find no server there). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Kserve4jProcess client(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--server", admin));
    return Kserve4jProcess.run(all.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void printsOneLinePerAppliedResource() {
    assertThat(up.stdoutLines())
        .contains(
            "inferenceservice/iris: READY True, URL http://iris.default.example.com",
            "servingruntime/my-runtime: configured");
  }

  @Test
  @Order(2)
  void servesTheModelOverV2Rest() throws Exception {
    JsonNode expected = ServeCommandIT.golden("iris-onnx");

    JsonNode r =
        ServeCommandIT.postJson(
            http, base + "/v2/models/iris/infer", ServeCommandIT.goldenRequest(expected, 1));

    assertThat(r.get("model_name").asText()).isEqualTo("iris");
    ServeCommandIT.assertGolden(r, expected, 1);
  }

  @Test
  @Order(3)
  void getPrintsKServesColumns() {
    Kserve4jProcess get = client("get", "isvc");

    assertThat(get.exitCode()).as(get.output()).isZero();
    List<String> lines = get.stdoutLines();
    String header = lines.get(0);
    assertThat(header.split("\\s+"))
        .containsExactly(
            "NAME",
            "URL",
            "READY",
            "PREV",
            "LATEST",
            "PREVROLLEDOUTREVISION",
            "LATESTREADYREVISION",
            "AGE");
    String row = lines.get(1);
    assertThat(cell(header, row, "NAME")).isEqualTo("iris");
    assertThat(cell(header, row, "URL")).isEqualTo("http://iris.default.example.com");
    assertThat(cell(header, row, "READY")).isEqualTo("True");
    assertThat(cell(header, row, "PREV")).isEmpty();
    assertThat(cell(header, row, "LATEST")).isEqualTo("100");
    assertThat(cell(header, row, "PREVROLLEDOUTREVISION")).isEmpty();
    assertThat(cell(header, row, "LATESTREADYREVISION")).isEqualTo("iris-predictor-00001");
    assertThat(cell(header, row, "AGE")).matches("[0-9]+s|[0-9]+m([0-9]+s)?");
  }

  /** The cell under {@code column}: columns are aligned, each starting where its header does. */
  static String cell(String header, String row, String column) {
    int start = header.indexOf(column);
    int next = header.indexOf(' ', start);
    while (next >= 0 && next < header.length() && header.charAt(next) == ' ') {
      next++;
    }
    int end = next < 0 || next >= header.length() ? row.length() : Math.min(next, row.length());
    return start >= row.length() ? "" : row.substring(start, end).strip();
  }

  @Test
  @Order(4)
  void getYamlPrintsTheResourceWithItsConditions() {
    Kserve4jProcess get = client("get", "isvc", "iris", "-o", "yaml");

    assertThat(get.exitCode()).as(get.output()).isZero();
    assertThat(get.stdout())
        .contains(
            "kind: InferenceService",
            "name: iris",
            "creationTimestamp:",
            "conditions:",
            "type: Ready",
            "status: \"True\"",
            "url: http://iris.default.example.com",
            "latestReadyRevision: iris-predictor-00001");
  }

  @Test
  @Order(5)
  void applyServesASecondServiceAndDeleteRemovesIt() throws Exception {
    Path file = Files.writeString(dir.resolve("second.yaml"), isvc("second"));

    Kserve4jProcess apply = client("apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.stdout())
        .contains("inferenceservice/second: READY True, URL http://second.default.example.com");
    assertThat(ServeCommandIT.get(http, base + "/v2/models/second/ready").statusCode())
        .isEqualTo(200);
    assertThat(client("get", "isvc").stdout()).contains("iris", "second");

    Kserve4jProcess delete = client("delete", "isvc", "second");

    assertThat(delete.exitCode()).as(delete.output()).isZero();
    assertThat(delete.stdout()).contains("inferenceservice.serving.kserve.io \"second\" deleted");
    assertThat(ServeCommandIT.get(http, base + "/v2/models/second/ready").statusCode())
        .isEqualTo(404);
    Kserve4jProcess gone = client("get", "isvc", "second");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr())
        .contains("inferenceservice 'second' not found in namespace 'default'");
  }

  @Test
  @Order(6)
  void badYamlIsRefusedNamingTheField() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), isvc("bad") + "    minReplicas: two\n");

    Kserve4jProcess apply = client("apply", "-f", file.toString());

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.stderr())
        .contains("kserve4j: request body, document 1", "'bad'", "minReplicas");
    assertThat(client("get", "isvc", "bad").exitCode()).isEqualTo(1);
  }

  @Test
  @Order(6)
  void applyOfWhatKServesWebhookDeniesExitsNonZeroWithItsMessageAndStoresNothing()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("replicas.yaml"),
            isvc("iris")
                .replace(
                    "  predictor:\n", "  predictor:\n    minReplicas: 3\n    maxReplicas: 1\n"));

    Kserve4jProcess apply = client("apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.output()).isEqualTo(1);
    assertThat(apply.stderr())
        .contains(
            "kserve4j: Error from server (Forbidden): error when applying \""
                + file
                + "\": admission webhook \"inferenceservice.kserve-webhook-server.validator\""
                + " denied the request: 'MinReplicas' cannot be greater than MaxReplicas"
                + " (maxReplicas: 1)");
    Kserve4jProcess get = client("get", "isvc", "iris", "-o", "yaml");
    assertThat(get.stdout()).contains("generation: 1").doesNotContain("minReplicas: 3");
    servesTheModelOverV2Rest();
  }

  @Test
  @Order(6)
  void theAdminApiRefusesBadNamesAsTheApiServerRefusesADenialStoringNothing() throws Exception {
    String longName = "a".repeat(300);
    record Case(String name, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                "../../etc",
                "the InferenceService \"../../etc\" is invalid: a InferenceService name must"
                    + " consist of lower case alphanumeric characters or '-', and must start with"
                    + " alphabetical character. (e.g. \"my-name\" or \"abc-123\", regex used for"
                    + " validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
            new Case(
                "A_B",
                "the InferenceService \"A_B\" is invalid: a InferenceService name must consist"),
            new Case(
                longName,
                "the InferenceService \""
                    + longName
                    + "\" is invalid: metadata.name: Invalid"
                    + " value: \""
                    + longName
                    + "\": must be no more than 63 characters"));
    for (Case c : cases) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(admin + "/apis/serving.kserve.io/v1beta1/inferenceservices"))
                  .header("Content-Type", "application/yaml")
                  .POST(HttpRequest.BodyPublishers.ofString(isvc("'" + c.name() + "'")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      JsonNode status = JSON.readTree(r.body());
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
      assertThat(status.path("code").asInt()).isEqualTo(403);
      assertThat(status.path("message").asText())
          .startsWith(
              "admission webhook"
                  + " \"inferenceservice.kserve-webhook-server.validator\" denied the request: "
                  + c.message());
    }
    Kserve4jProcess get = client("get", "isvc");
    assertThat(get.exitCode()).as(get.output()).isZero();
    assertThat(get.stdout()).contains("iris").doesNotContain("etc", "A_B", "aaaa");
    servesTheModelOverV2Rest();
  }

  /** What {@code kubectl} prints for the tolerance annotation without a shadow percent. */
  static final String TOLERANCE_WARNING =
      "Warning: annotation serving.kserve4j.dev/shadow-tolerance has no effect without"
          + " serving.kserve4j.dev/shadow-percent";

  static String warned(String name) {
    return isvc(name)
        .replace(
            "  name: " + name + "\n",
            "  name: "
                + name
                + "\n  annotations: {serving.kserve4j.dev/shadow-tolerance: '0.01'}\n");
  }

  @Test
  @Order(6)
  void applyPrintsAdmissionWarningsOnStderrAsKubectlDoes() throws IOException {
    Path file = Files.writeString(dir.resolve("warned.yaml"), warned("warned-apply"));

    Kserve4jProcess apply = client("apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.stderr().lines()).containsExactly(TOLERANCE_WARNING);
    assertThat(apply.stdout())
        .contains("inferenceservice/warned-apply: READY True")
        .doesNotContain("Warning");
    assertThat(client("delete", "isvc", "warned-apply").exitCode()).isZero();
  }

  @Test
  @Order(6)
  void upPrintsTheWarningsOfTheFilesItApplies() throws IOException {
    Files.writeString(dir.resolve("manifests").resolve("warned.yaml"), warned("warned-up"));

    up.awaitLine(l -> l.startsWith("inferenceservice/warned-up:"), Duration.ofSeconds(60));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(up.stderr()).contains(TOLERANCE_WARNING));
  }

  @Test
  @Order(7)
  void clientAgainstAClosedPortSaysNoServerIsThere() {
    int closed = freePort();

    Kserve4jProcess get =
        Kserve4jProcess.run("get", "isvc", "--server", "http://127.0.0.1:" + closed);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stderr())
        .contains(
            "no kserve4j server at http://127.0.0.1:"
                + closed
                + " (start one with 'kserve4j up -f ...' or pass --server)");
  }

  @Test
  @Order(8)
  void sigtermStopsTheServerWithExitZero() {
    up.terminate();

    assertThat(up.awaitExit(Duration.ofSeconds(40))).as(up.output()).isZero();
    assertThat(up.stdout()).contains("shutting down", "stopped");
  }

  @Test
  @Order(20)
  void aBadDomainIsRefusedNamingTheFlag() {
    Kserve4jProcess p =
        Kserve4jProcess.run("up", "-f", dir.toString(), "--domain", "Example_Domain");

    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.stderr())
        .contains("--domain: 'Example_Domain' (expected a DNS domain such as example.com");
  }
}
