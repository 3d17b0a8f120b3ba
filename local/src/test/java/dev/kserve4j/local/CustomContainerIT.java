package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.testing.TestModels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictor written as KServe's custom container with {@code STORAGE_URI}, on kserve4j's image:
 * applied from a manifest directory ({@code kserve4j up -f}) or the admin API ({@code kserve4j
 * apply -f}), its model fetched by the storage layer and served in-process by the Python runtime
 * under the name its args give, called over HTTP by Host and by path. A real server, real Python
 * workers and real model files.
 */
class CustomContainerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYTHON = "/usr/bin/python3";

  /** A KServe-style model.py: doubles each number of each instance. */
  private static final String MODEL_PY =
      """
      from kserve import Model


      class Doubler(Model):
          def __init__(self, name):
              super().__init__(name)
              self.load()

          def load(self):
              self.ready = True

          def predict(self, payload, headers=None):
              if isinstance(payload, dict):
                  rows = payload["instances"]
              else:
                  rows = payload.inputs[0].as_numpy().tolist()
              return {"predictions": [[2 * x for x in row] for row in rows]}
      """;

  @TempDir Path manifests;
  @TempDir Path modelDir;
  private EmbeddedHost host;
  private LocalControlPlane control;
  private ManifestSync sync;
  private AdminServer admin;
  private WebClient http;

  @BeforeEach
  void start(@TempDir Path cache) {
    host = new EmbeddedHost(cache);
    control = host.control;
    sync =
        new ManifestSync(
            manifests,
            control,
            new ManifestSync.Listener() {
              @Override
              public void applied(Path file, HasMetadata resource) {}

              @Override
              public void deleted(Path file, String kind, String namespace, String name) {}

              @Override
              public void failed(Path file, String reason) {}
            });
    admin = AdminServer.start(control, 0);
    http = WebClient.of("http://127.0.0.1:" + host.server.httpPort());
  }

  @AfterEach
  void stop() {
    admin.close();
    sync.close();
    host.close();
  }

  /** The contract form: a custom container on kserve4j's image, the model from STORAGE_URI. */
  private static String isvc(String name, String image, String format, String storageUri) {
    return """
    apiVersion: serving.kserve.io/v1beta1
    kind: InferenceService
    metadata:
      name: %1$s
    spec:
      predictor:
        containers:
        - name: kserve-container
          image: %2$s
          args: ["serve", "--model-dir=/mnt/models", "--model-name=%1$s", "--model-format=%3$s"]
          env:
          - name: STORAGE_URI
            value: %4$s
    """
        .formatted(name, image, format, storageUri);
  }

  private AggregatedHttpResponse post(String path, String host, String body) {
    RequestHeadersBuilder headers =
        RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON);
    if (host != null) {
      headers.authority(host);
    }
    return http.execute(HttpRequest.of(headers.build(), HttpData.ofUtf8(body))).aggregate().join();
  }

  private static JsonNode json(AggregatedHttpResponse response) throws IOException {
    assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(200);
    return JSON.readTree(response.contentUtf8());
  }

  private static List<Double> numbers(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .flatMap(n -> n.isArray() ? StreamSupport.stream(n.spliterator(), false) : Stream.of(n))
        .map(JsonNode::asDouble)
        .toList();
  }

  private static boolean canImport(String... modules) {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import " + String.join(", ", modules))
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aModelPyFolderFromStorageUriServesByHostAndByPathFromAManifestDirectory()
      throws IOException {
    Required.that(canImport("numpy"), PYTHON + " cannot import numpy (install python3-numpy)");
    Files.writeString(modelDir.resolve("model.py"), MODEL_PY);
    Files.writeString(
        manifests.resolve("doubler.yaml"),
        isvc(
            "doubler",
            "ghcr.io/kserve4j/kserve4j-server:0.1.0",
            "python",
            modelDir.toUri().toString()));

    sync.applyAll();

    InferenceService applied = control.get("default", "doubler").orElseThrow();
    assertThat(applied.getStatus().isReady())
        .as("%s", applied.getStatus().getModelStatus())
        .isTrue();
    assertThat(applied.getStatus().getUrl()).isEqualTo("http://doubler.default.example.com");
    assertThat(host.server.repository().get("doubler-predictor-00001").config().format())
        .isEqualTo("python");
    assertThat(host.server.repository().get("doubler-predictor-00001").config().directory())
        .isEqualTo(modelDir.toRealPath());
    String body = "{\"instances\": [[1, 2], [3, 4]]}";
    JsonNode byHost = json(post("/v1/models/doubler:predict", "doubler.default.example.com", body));
    assertThat(numbers(byHost.get("predictions"))).containsExactly(2.0, 4.0, 6.0, 8.0);
    JsonNode byPath = json(post("/serving/default/doubler/v1/models/doubler:predict", null, body));
    assertThat(numbers(byPath.get("predictions"))).containsExactly(2.0, 4.0, 6.0, 8.0);
    // Another host under the domain does not reach it.
    assertThat(
            post("/v1/models/doubler:predict", "other.default.example.com", body).status().code())
        .isEqualTo(404);

    Files.delete(manifests.resolve("doubler.yaml"));
    sync.sync(manifests.resolve("doubler.yaml"));
    assertThat(host.server.repository().names()).doesNotContain("doubler-predictor-00001");
  }

  @Test
  void aSklearnModelJoblibAppliedThroughTheAdminApiServesUnderTheNameItsArgsGive()
      throws IOException {
    Required.that(
        canImport("numpy", "sklearn", "joblib"),
        PYTHON + " cannot import numpy, sklearn and joblib (install python3-sklearn)");
    String yaml =
        isvc(
                "iris",
                "registry.local/mirror/kserve4j-server:0.1.0",
                "sklearn",
                TestModels.directory("iris-sklearn-joblib").toUri().toString())
            .replace("--model-name=iris", "--model-name\", \"flowers");

    AggregatedHttpResponse response =
        WebClient.of("http://127.0.0.1:" + admin.port())
            .execute(
                HttpRequest.of(
                    RequestHeaders.builder(HttpMethod.POST, AdminServer.PATH)
                        .contentType(MediaType.parse("application/yaml"))
                        .build(),
                    HttpData.ofUtf8(yaml)))
            .aggregate()
            .join();

    assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(200);
    assertThat(control.get("default", "iris").orElseThrow().getStatus().isReady()).isTrue();
    assertThat(host.server.repository().names())
        .contains("iris-predictor-00001")
        .doesNotContain("iris", "flowers");
    JsonNode predictions =
        json(
            post(
                "/v1/models/flowers:predict",
                "iris.default.example.com",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2], [6.6, 3.0, 4.4, 1.4],"
                    + " [7.7, 3.0, 6.1, 2.3]]}"));
    assertThat(numbers(predictions.get("predictions"))).containsExactly(0.0, 1.0, 2.0);

    control.delete("default", "iris");
    assertThat(host.server.repository().names()).doesNotContain("iris-predictor-00001");
  }

  @Test
  void anotherImageIsRefusedInTheStatusNamingItAndWhatEmbeddedModeRuns() throws IOException {
    Files.writeString(modelDir.resolve("model.py"), MODEL_PY);
    Files.writeString(
        manifests.resolve("foreign.yaml"),
        isvc("foreign", "kserve/custom-model:v1", "python", modelDir.toUri().toString()));

    sync.applyAll();

    InferenceService applied = control.get("default", "foreign").orElseThrow();
    assertThat(applied.getStatus().isReady()).isFalse();
    assertThat(applied.getStatus().getModelStatus().lastFailureInfo().message())
        .startsWith(
            "spec.predictor.containers[kserve-container].image: 'kserve/custom-model:v1' (not a"
                + " kserve4j image: embedded mode runs a custom container in-process only when it"
                + " is kserve4j's server (expected an image named kserve4j or kserve4j-*, e.g."
                + " ghcr.io/kserve4j/kserve4j-server:0.1.0");
    assertThat(host.server.repository().names()).doesNotContain("foreign-predictor-00001");
  }

  @Test
  void serveFlagsAreReadByTheServeParserAndTheModelDirMustBeTheMount() throws IOException {
    Files.writeString(modelDir.resolve("model.py"), MODEL_PY);
    String uri = modelDir.toUri().toString();
    Files.writeString(
        manifests.resolve("bad.yaml"),
        String.join(
            "---\n",
            isvc("typo", "kserve4j", "python", uri).replace("--model-format=", "--model-formt="),
            isvc("elsewhere", "kserve4j", "python", uri)
                .replace("--model-dir=/mnt/models", "--model-dir=/etc")));

    sync.applyAll();

    assertThat(
            control
                .get("default", "typo")
                .orElseThrow()
                .getStatus()
                .getModelStatus()
                .lastFailureInfo()
                .message())
        .startsWith(
            "spec.predictor.containers[kserve-container]: serve args: Unknown option:"
                + " '--model-formt=python'");
    assertThat(
            control
                .get("default", "elsewhere")
                .orElseThrow()
                .getStatus()
                .getModelStatus()
                .lastFailureInfo()
                .message())
        .isEqualTo(
            "spec.predictor.containers[kserve-container]: serve args: --model-dir /etc (expected"
                + " /mnt/models or a folder in it, where "
                + uri
                + " is fetched as on Kubernetes)");
  }
}
