package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * {@code kserve4j up -f DIR} on the InferenceServices of {@code examples/} (local files, a custom
 * ServingRuntime, and one from a real S3 server), queried as KServe users query them, then a
 * changed spec saved into the directory while requests keep flowing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String ACCESS_KEY = "examples";
  private static final String SECRET_KEY = "examples-secret";

  /** Iris rows of KServe's iris_input.json. */
  private static final String ROWS = "[[6.8,2.8,4.8,1.4],[6.0,3.4,4.5,1.6]]";

  /** Every example InferenceService and the name of its model's input. */
  private static final Map<String, String> SERVICES =
      Map.of(
          "iris",
          "float_input",
          "iris-shortcut",
          "float_input",
          "iris-batched",
          "float_input",
          "xgboost-iris",
          "input-0",
          "iris-s3",
          "float_input",
          "sklearn-iris",
          "input-0");

  @TempDir static Path dir;
  static S3Proxy s3;
  static Kserve4jProcess up;
  static WebClient http;
  static Path manifests;

  @BeforeAll
  static void start() throws Exception {
    s3 =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    s3.start();
    String endpoint = "http://127.0.0.1:" + s3.getPort();
    try (S3Client client =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint))
            .forcePathStyle(true)
            // Plain bodies with a Content-Length: no aws-chunked framing or trailing checksum,
            // whose zero-length uploads s3proxy could answer before the body was written.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build()) {
      client.createBucket(b -> b.bucket("models"));
      client.putObject(
          b -> b.bucket("models").key("iris-onnx/model.onnx"),
          RequestBody.fromFile(ROOT.resolve("examples/models/iris-onnx/model.onnx")));
    }

    // The examples as they are, with their repository-relative storageUris made absolute.
    manifests = Files.createDirectory(dir.resolve("manifests"));
    try (Stream<Path> files =
        Stream.concat(
            Files.list(ROOT.resolve("examples/inferenceservices")),
            Files.list(ROOT.resolve("examples/s3")))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        String yaml =
            Files.readString(file)
                .replace("storageUri: examples/", "storageUri: " + ROOT.resolve("examples") + "/");
        Files.writeString(manifests.resolve(file.getFileName()), yaml);
      }
    }
    up =
        Kserve4jProcess.start(
            Map.of(
                "AWS_ENDPOINT_URL",
                endpoint,
                "AWS_ACCESS_KEY_ID",
                ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY,
                "KSERVE4J_MODEL_CACHE",
                dir.resolve("cache").toString()),
            "up",
            "-f",
            manifests.toString(),
            "--port",
            "0",
            "--grpc-port",
            "-1",
            "--admin-port",
            "0");
    http = WebClient.of(up.awaitReady());
  }

  @AfterAll
  static void stop() throws Exception {
    if (up != null) {
      up.close();
    }
    s3.stop();
  }

  static AggregatedHttpResponse post(String path, String host, String body) {
    RequestHeaders headers =
        host == null
            ? RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON).build()
            : RequestHeaders.builder(HttpMethod.POST, path)
                .authority(host)
                .contentType(MediaType.JSON)
                .build();
    return http.execute(HttpRequest.of(headers, HttpData.ofUtf8(body))).aggregate().join();
  }

  static String v2Body(String input) {
    return "{\"inputs\":[{\"name\":\""
        + input
        + "\",\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":"
        + ROWS
        + "}]}";
  }

  @Test
  @Order(1)
  void everyExampleIsReadyIncludingTheCustomRuntimeAndS3() {
    for (String name : SERVICES.keySet()) {
      assertThat(up.stdoutLines())
          .as(up.output())
          .contains(
              "inferenceservice/"
                  + name
                  + ": READY True, URL http://"
                  + name
                  + ".default.example.com");
    }
    assertThat(up.stdoutLines()).contains("servingruntime/onnx-batched: configured");
  }

  @Test
  @Order(2)
  void eachServiceAnswersV1ByHostAndV2ByPath() throws Exception {
    for (Map.Entry<String, String> service : SERVICES.entrySet()) {
      String name = service.getKey();
      AggregatedHttpResponse v1 =
          post(
              "/v1/models/" + name + ":predict",
              name + ".default.example.com",
              "{\"instances\":" + ROWS + "}");
      assertThat(v1.status().code()).as(name + " V1: " + v1.contentUtf8()).isEqualTo(200);
      assertThat(JSON.readTree(v1.contentUtf8()).get("predictions")).as(name).hasSize(2);

      AggregatedHttpResponse v2 =
          post(
              "/serving/default/" + name + "/v2/models/" + name + "/infer",
              null,
              v2Body(service.getValue()));
      assertThat(v2.status().code()).as(name + " V2: " + v2.contentUtf8()).isEqualTo(200);
      JsonNode response = JSON.readTree(v2.contentUtf8());
      assertThat(response.get("model_name").asText()).isEqualTo(name);
      assertThat(response.at("/outputs/0/shape/0").asInt()).as(name).isEqualTo(2);
    }
    // KServe's expected answer for these rows, from the ONNX and scikit-learn classifiers.
    for (String name : List.of("iris", "sklearn-iris")) {
      assertThat(
              post(
                      "/v1/models/" + name + ":predict",
                      name + ".default.example.com",
                      "{\"instances\":" + ROWS + "}")
                  .contentUtf8())
          .as(name)
          .isEqualTo("{\"predictions\":[1,1]}");
    }
    // One service's host does not reach another's model.
    assertThat(
            post(
                    "/v1/models/iris-s3:predict",
                    "iris.default.example.com",
                    "{\"instances\":" + ROWS + "}")
                .status()
                .code())
        .isEqualTo(404);
  }

  @Test
  @Order(2)
  void theExampleGraphSwitchesByProtocol() throws Exception {
    assertThat(up.stdoutLines())
        .contains(
            "inferencegraph/iris-graph: READY True, URL http://iris-graph.default.example.com");
    AggregatedHttpResponse v1 =
        post("/", "iris-graph.default.example.com", "{\"instances\":" + ROWS + "}");
    assertThat(v1.contentUtf8()).isEqualTo("{\"predictions\":[1,1]}");
    AggregatedHttpResponse v2 = post("/serving/default/iris-graph", null, v2Body("input-0"));
    assertThat(v2.status().code()).as(v2.contentUtf8()).isEqualTo(200);
    assertThat(JSON.readTree(v2.contentUtf8()).get("model_name").asText())
        .isEqualTo("xgboost-iris");
    AggregatedHttpResponse neither = post("/", "iris-graph.default.example.com", "{}");
    assertThat(neither.status().code()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void aSavedSpecChangeMovesTrafficToTheNewRevisionWithoutAFailedRequest() throws Exception {
    String before = probabilities();
    // Each client keeps its own answers in order: across clients, completion order is not serving
    // order.
    List<List<String>> seenByClient = new ArrayList<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> seen = new CopyOnWriteArrayList<>();
      seenByClient.add(seen);
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      AggregatedHttpResponse r =
                          post(
                              "/v2/models/iris/infer",
                              "iris.default.example.com",
                              v2Body("float_input"));
                      if (r.status().code() != 200) {
                        failures.add(r.status() + " " + r.contentUtf8());
                      } else {
                        seen.add(outputs(r));
                      }
                    }
                  }));
    }
    await("every client answered by the first revision")
        .atMost(Duration.ofSeconds(60))
        .until(() -> seenByClient.stream().noneMatch(List::isEmpty) || !failures.isEmpty());
    Path file = manifests.resolve("iris-onnx.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                ROOT.resolve("examples/models/iris-onnx").toString(),
                TestModels.directory("iris-onnx-c001").toAbsolutePath().toString()));

    JsonNode status = awaitRevision("iris", "iris-predictor-00002", Duration.ofSeconds(60));
    await("every client answered by the second revision")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                seenByClient.stream()
                        .allMatch(seen -> !seen.isEmpty() && !seen.getLast().equals(before))
                    || !failures.isEmpty());
    running.set(false);
    for (Thread t : clients) {
      t.join(Duration.ofSeconds(30));
      assertThat(t.isAlive()).as("a client still running 30 s after it was stopped").isFalse();
    }

    assertThat(failures).as("requests that failed while the spec changed").isEmpty();
    String after = probabilities();
    assertThat(after).isNotEqualTo(before);
    for (List<String> seen : seenByClient) {
      int firstNew = seen.indexOf(after);
      assertThat(firstNew).as("the new revision answered this client during the run").isPositive();
      assertThat(seen.subList(0, firstNew))
          .as("before the switch: the old revision only")
          .containsOnly(before);
      assertThat(seen.subList(firstNew, seen.size()))
          .as("after the switch: never the old one again")
          .containsOnly(after);
    }
    assertThat(status.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(status.at("/status/components/predictor/latestReadyRevision").asText())
        .isEqualTo("iris-predictor-00002");
    assertThat(status.at("/status/components/predictor/previousRolledoutRevision").asText())
        .isEqualTo("iris-predictor-00001");
    assertThat(status.at("/status/components/predictor/traffic/0/revisionName").asText())
        .isEqualTo("iris-predictor-00002");
    assertThat(status.at("/status/components/predictor/traffic/0/percent").asInt()).isEqualTo(100);
    assertThat(up.stdoutLines())
        .contains("inferenceservice/iris: READY True, URL http://iris.default.example.com");
  }

  private static String probabilities() {
    return outputs(
        post("/v2/models/iris/infer", "iris.default.example.com", v2Body("float_input")));
  }

  private static String outputs(AggregatedHttpResponse r) {
    try {
      return JSON.readTree(r.contentUtf8()).get("outputs").toString();
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.contentUtf8(), e);
    }
  }

  /**
   * Polls {@code get isvc NAME -o json} until its predictor's latest ready revision is {@code
   * revision}.
   */
  private static JsonNode awaitRevision(String name, String revision, Duration timeout) {
    WebClient client = WebClient.of(UpCommandIT.adminUrl(up));
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await("revision " + revision + " of " + name + " ready")
        .atMost(timeout)
        .untilAsserted(
            () -> {
              JsonNode isvc =
                  JSON.readTree(
                      client
                          .get("/apis/serving.kserve.io/v1beta1/inferenceservices/" + name)
                          .aggregate()
                          .join()
                          .contentUtf8());
              last.set(isvc);
              assertThat(isvc.at("/status/components/predictor/latestReadyRevision").asText())
                  .as(() -> "status of " + name + ": " + isvc.get("status") + "\n" + up.output())
                  .isEqualTo(revision);
            });
    return last.get();
  }
}
