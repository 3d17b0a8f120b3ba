package dev.kserve4j.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhooks over real HTTPS, with a certificate made by the JDK's keytool, against fabric8's API
 * server in CRUD mode for the runtimes already there.
 */
@EnableKubernetesMockClient(crud = true)
class AdmissionWebhookIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String SKLEARN =
      "supportedModelFormats: [{name: sklearn, version: '1', autoSelect: true, priority: 1}]\n"
          + "protocolVersions: [v1, v2]\n"
          + "containers: [{name: kserve-container, image: sklearnserver}]\n";

  KubernetesClient client;
  @TempDir Path certDir;
  private WebhookServer server;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    http =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.selfSigned(certDir, "localhost").trusting())
            .build();
    server = WebhookServer.start(client, 0, certDir);
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * An AdmissionReview as the API server sends it, with {@code objectYaml} as {@code
   * request.object}.
   */
  private static String review(
      String apiVersion, String operation, String namespace, String objectYaml) throws IOException {
    ObjectNode root =
        JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", "AdmissionReview");
    ObjectNode request =
        root.putObject("request")
            .put("uid", "uid-1")
            .put("operation", operation)
            .put("namespace", namespace);
    request.set("object", YAML.readTree(objectYaml));
    return JSON.writeValueAsString(root);
  }

  private static String isvc(String spec) {
    return "apiVersion: serving.kserve.io/v1beta1\n"
        + "kind: InferenceService\n"
        + "metadata: {name: iris, namespace: ns}\n"
        + "spec:\n"
        + spec.indent(2);
  }

  private static String runtime(String kind, String name, String spec) {
    return "apiVersion: serving.kserve.io/v1alpha1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + (kind.equals("ServingRuntime") ? ", namespace: ns" : "")
        + "}\nspec:\n"
        + spec.indent(2);
  }

  /** {@code response} of a reply that came with HTTP {@code status}. */
  private static JsonNode response(HttpResponse<String> reply, int status) throws IOException {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.path("kind").asText()).isEqualTo("AdmissionReview");
    return body.path("response");
  }

  @Test
  void deniesAnInferenceServiceWithTwoPredictorsWithKServesMessage() throws Exception {
    JsonNode response =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    isvc(
                        "predictor:\n"
                            + "  sklearn: {storageUri: 'gs://b/m'}\n"
                            + "  model: {modelFormat: {name: onnx}, storageUri: 'gs://b/o'}\n"))),
            200);

    assertThat(response.path("uid").asText()).isEqualTo("uid-1");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("reason").asText()).isEqualTo("Forbidden");
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "exactly one of [sklearn, xgboost, tensorflow, pytorch, triton, onnx, huggingface,"
                + " pmml, lightgbm, paddle, model, containers] must be specified in PredictorSpec");
  }

  @Test
  void allowsAValidInferenceServiceAnsweringInTheRequestsVersion() throws Exception {
    HttpResponse<String> reply =
        post(
            AdmissionRoutes.INFERENCE_SERVICE,
            review(
                "admission.k8s.io/v1beta1",
                "CREATE",
                "ns",
                isvc(
                    "predictor:\n"
                        + "  sklearn: {storageUri:"
                        + " 'gs://kfserving-examples/models/sklearn/1.0/model'}\n")));

    JsonNode response = response(reply, 200);
    assertThat(JSON.readTree(reply.body()).path("apiVersion").asText())
        .isEqualTo("admission.k8s.io/v1beta1");
    assertThat(response.path("allowed").asBoolean()).as(reply.body()).isTrue();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(200);
  }

  @Test
  void allowsWithWarningsWhatHasNoEffect() throws Exception {
    String standardCanaryPercent =
        "apiVersion: serving.kserve.io/v1beta1\n"
            + "kind: InferenceService\n"
            + "metadata: {name: iris, namespace: ns, annotations: {"
            + "serving.kserve.io/deploymentMode: Standard}}\n"
            + "spec:\n"
            + "  predictor: {canaryTrafficPercent: 10, sklearn: {storageUri: 'gs://b/m'}}\n";
    JsonNode warned =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review("admission.k8s.io/v1", "CREATE", "ns", standardCanaryPercent)),
            200);
    JsonNode plain =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    isvc("predictor:\n  sklearn: {storageUri: 'gs://b/m'}\n"))),
            200);

    assertThat(warned.path("allowed").asBoolean()).isTrue();
    assertThat(warned.path("warnings")).hasSize(1);
    assertThat(warned.path("warnings").get(0).asText())
        .startsWith(
            "spec.predictor.canaryTrafficPercent has no effect in Standard deployment mode");
    assertThat(plain.path("allowed").asBoolean()).isTrue();
    assertThat(plain.has("warnings")).isFalse();
  }

  @Test
  void deniesAServingRuntimeWithThePriorityOfAnExistingOne() throws Exception {
    client
        .resource(
            CODEC.read(
                runtime("ServingRuntime", "kserve-sklearnserver", SKLEARN),
                "test",
                ServingRuntime.class))
        .create();

    JsonNode same =
        response(
            post(
                AdmissionRoutes.SERVING_RUNTIME,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    runtime("ServingRuntime", "my-sklearn", SKLEARN))),
            200);
    JsonNode otherPriority =
        response(
            post(
                AdmissionRoutes.SERVING_RUNTIME,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    runtime(
                        "ServingRuntime",
                        "my-sklearn",
                        SKLEARN.replace("priority: 1", "priority: 2")))),
            200);
    JsonNode otherNamespace =
        response(
            post(
                AdmissionRoutes.SERVING_RUNTIME,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "other",
                    runtime("ServingRuntime", "my-sklearn", SKLEARN)
                        .replace(", namespace: ns", ", namespace: other"))),
            200);

    assertThat(same.path("allowed").asBoolean()).isFalse();
    assertThat(same.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(same.path("status").path("message").asText())
        .isEqualTo(
            "same priority assigned for the model format sklearn"
                + " in the servingruntimes kserve-sklearnserver and my-sklearn in namespace ns");
    assertThat(otherPriority.path("allowed").asBoolean()).isTrue();
    assertThat(otherNamespace.path("allowed").asBoolean()).isTrue();
  }

  @Test
  void deniesAClusterServingRuntimeWithThePriorityOfAnExistingOne() throws Exception {
    client
        .resource(
            CODEC.read(
                runtime("ClusterServingRuntime", "kserve-sklearnserver", SKLEARN),
                "test",
                ClusterServingRuntime.class))
        .create();

    JsonNode response =
        response(
            post(
                AdmissionRoutes.CLUSTER_SERVING_RUNTIME,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "",
                    runtime("ClusterServingRuntime", "my-sklearn", SKLEARN))),
            200);
    JsonNode update =
        response(
            post(
                AdmissionRoutes.CLUSTER_SERVING_RUNTIME,
                review(
                    "admission.k8s.io/v1",
                    "UPDATE",
                    "",
                    runtime("ClusterServingRuntime", "kserve-sklearnserver", SKLEARN))),
            200);

    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "same priority assigned for the model format sklearn in the clusterservingruntimes"
                + " kserve-sklearnserver and my-sklearn");
    assertThat(update.path("allowed").asBoolean())
        .as("a runtime does not conflict with its stored self")
        .isTrue();
  }

  @Test
  void judgesInferenceGraphsAndTrainedModels() throws Exception {
    JsonNode graph =
        response(
            post(
                AdmissionRoutes.INFERENCE_GRAPH,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    "apiVersion: serving.kserve.io/v1alpha1\n"
                        + "kind: InferenceGraph\n"
                        + "metadata: {name: g, namespace: ns}\n"
                        + "spec:\n"
                        + "  nodes:\n"
                        + "    first: {routerType: Sequence, steps: [{serviceName: iris}]}\n")),
            200);
    JsonNode model =
        response(
            post(
                AdmissionRoutes.TRAINED_MODEL,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    "apiVersion: serving.kserve.io/v1alpha1\n"
                        + "kind: TrainedModel\n"
                        + "metadata: {name: m1, namespace: ns}\n"
                        + "spec:\n"
                        + "  inferenceService: iris\n"
                        + "  model: {storageUri: 'file:///m', framework: sklearn, memory: 1Gi}\n")),
            200);

    assertThat(graph.path("status").path("message").asText())
        .isEqualTo(
            "root node not found, InferenceGraph needs a node with name 'root' as the root node of"
                + " the graph");
    assertThat(model.path("status").path("message").asText())
        .isEqualTo(
            "the Trained Model \"m1\" storageUri field is invalid. The storage uri must start with"
                + " one of the prefixes: s3://, gs://, https://, http://. (the storage uri given is"
                + " \"file:///m\")");
  }

  @Test
  void anObjectThatCannotBeReadIsA400VerdictAndDeletesAreAllowed() throws Exception {
    JsonNode unreadable =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    isvc("predictor:\n  minReplicas: [1, 2]\n"))),
            200);
    JsonNode delete =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review("admission.k8s.io/v1", "DELETE", "ns", isvc("predictor: {}\n"))),
            200);

    assertThat(unreadable.path("uid").asText()).isEqualTo("uid-1");
    assertThat(unreadable.path("allowed").asBoolean()).isFalse();
    assertThat(unreadable.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(unreadable.path("status").path("message").asText())
        .contains("request.object")
        .contains("minReplicas");
    assertThat(delete.path("allowed").asBoolean()).isTrue();
  }

  @Test
  void badRequestsGetAClearErrorAndTheServerKeepsServing() throws Exception {
    JsonNode malformed =
        response(post(AdmissionRoutes.INFERENCE_SERVICE, "{\"apiVersion\": "), 400);
    JsonNode notAReview =
        response(
            post(AdmissionRoutes.SERVING_RUNTIME, "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"),
            400);
    JsonNode noUid =
        response(
            post(
                AdmissionRoutes.SERVING_RUNTIME,
                "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\","
                    + " \"request\": {\"operation\": \"CREATE\"}}"),
            400);
    JsonNode unknownPath =
        response(
            post("/validate-nothing", review("admission.k8s.io/v1", "CREATE", "ns", isvc("{}"))),
            404);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:" + server.port() + AdmissionRoutes.INFERENCE_SERVICE))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> text =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:" + server.port() + AdmissionRoutes.INFERENCE_SERVICE))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(malformed.path("allowed").asBoolean()).isFalse();
    assertThat(malformed.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(malformed.path("status").path("message").asText())
        .startsWith("the request body is not valid JSON")
        .contains(
            "expected: an AdmissionReview of admission.k8s.io/v1 or admission.k8s.io/v1beta1");
    assertThat(notAReview.path("status").path("message").asText())
        .startsWith("apiVersion \"v1\", kind \"Pod\" (expected: an AdmissionReview");
    assertThat(noUid.path("status").path("message").asText()).startsWith("request.uid is missing");
    assertThat(unknownPath.path("status").path("message").asText())
        .startsWith("no webhook at /validate-nothing (expected one of [")
        .contains(AdmissionRoutes.TRAINED_MODEL);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("Content-Type text/plain (expected: application/json)");
    JsonNode tooLarge =
        response(
            post(AdmissionRoutes.TRAINED_MODEL, " ".repeat(AdmissionWebhook.MAX_BODY_BYTES + 1)),
            413);
    assertThat(tooLarge.path("status").path("message").asText())
        .isEqualTo("the request body is over 7340032 bytes (expected: one AdmissionReview)");
    assertThat(plainHttp())
        .as("plain HTTP on the HTTPS port gets no HTTP answer")
        .doesNotStartWith("HTTP/1.1 200");

    JsonNode after =
        response(
            post(
                AdmissionRoutes.INFERENCE_SERVICE,
                review(
                    "admission.k8s.io/v1",
                    "CREATE",
                    "ns",
                    isvc("predictor:\n  sklearn: {storageUri: 'gs://b/m'}\n"))),
            200);
    assertThat(after.path("allowed").asBoolean()).isTrue();
  }

  /** Sends plain HTTP to the TLS port and returns whatever comes back before the server closes. */
  private String plainHttp() throws IOException {
    try (Socket socket = new Socket("localhost", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST "
                      + AdmissionRoutes.INFERENCE_SERVICE
                      + " HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Length: 2\r\n\r\n{}")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException | SocketException e) {
      return "";
    }
  }

  @Test
  void servesARenewedCertificateWithoutARestart() throws Exception {
    TestCertificates renewed = TestCertificates.selfSigned(certDir.resolve("next"), "localhost");
    renewed.replace(certDir);

    HttpClient trustingOnlyTheRenewed =
        HttpClient.newBuilder().sslContext(renewed.trusting()).build();
    HttpResponse<String> reply =
        trustingOnlyTheRenewed.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:" + server.port() + AdmissionRoutes.INFERENCE_SERVICE))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        review(
                            "admission.k8s.io/v1",
                            "CREATE",
                            "ns",
                            isvc("predictor:\n  sklearn: {storageUri: 'gs://b/m'}\n"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    trustingOnlyTheRenewed.close();

    assertThat(response(reply, 200).path("allowed").asBoolean()).isTrue();
  }
}
