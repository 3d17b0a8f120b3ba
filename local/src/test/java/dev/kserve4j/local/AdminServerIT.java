package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over HTTP: its errors (the server's statuses and {@code {"error": ...}} body) and
 * the admission warnings of an applied InferenceService.
 */
class AdminServerIT {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private KServeServer server;
  private ModelStorage storage;
  private AdminServer admin;

  @BeforeEach
  void start(@TempDir Path cache) {
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(AdminServerIT.class.getClassLoader()));
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(Map.of("KSERVE4J_MODEL_CACHE", cache.toString())));
    LocalControlPlane control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC());
    admin = AdminServer.start(control, 0);
  }

  @AfterEach
  void stop() {
    admin.close();
    storage.close();
    server.close();
  }

  @Test
  void unavailableIs503AsOnEveryOtherApi() {
    AggregatedHttpResponse response =
        AdminServer.error(
                new CompletionException(KServeException.unavailable("control plane is busy")))
            .aggregate()
            .join();

    assertThat(response.status().code()).isEqualTo(503);
    assertThat(response.contentUtf8()).isEqualTo("{\"error\":\"control plane is busy\"}");
  }

  @Test
  void unknownServiceIs404AndABadBody400AndAWrongMethod405() throws Exception {
    HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/absent")).GET());
    HttpResponse<String> bad =
        send(
            HttpRequest.newBuilder(uri(""))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "kind: ConfigMap\napiVersion: v1\n" + "metadata: {name: x}\n")));
    HttpResponse<String> put =
        send(HttpRequest.newBuilder(uri("/x")).PUT(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"error\":\"inferenceservice 'absent' not found in" + " namespace 'default'\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .startsWith(
            "{\"error\":\"request body, document 1: apiVersion 'v1' kind"
                + " 'ConfigMap' is not a known resource");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.body())
        .startsWith("{\"error\":\"PUT " + AdminServer.PATH + "/x is not supported");
  }

  @Test
  void aBodyOverTheLimitIs413InTheSameShapeAndTheApiStillServes() throws Exception {
    byte[] big = new byte[(int) AdminServer.MAX_REQUEST_BYTES + 1];

    HttpResponse<String> tooLarge =
        send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    HttpResponse<String> list = send(HttpRequest.newBuilder(uri("")).GET());

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body())
        .isEqualTo(
            "{\"error\":\"request body is larger than the limit of "
                + AdminServer.MAX_REQUEST_BYTES
                + " bytes (expected at most that)\"}");
    assertThat(list.statusCode()).isEqualTo(200);
  }

  @Test
  void anAppliedServiceAskingForWhatHasNoEffectComesWithWarningHeaders() throws Exception {
    String isvc =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: warned
          annotations:
            serving.kserve.io/deploymentMode: Standard
            serving.kserve4j.dev/shadow-tolerance: "0.01"
        spec:
          predictor:
            canaryTrafficPercent: 10
            model:
              modelFormat: {name: onnx}
              storageUri: %s
        """
            .formatted(TestModels.directory("iris-onnx").toUri());

    HttpResponse<String> applied =
        send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.ofString(isvc)));
    HttpResponse<String> reapplied =
        send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.ofString(isvc)));
    HttpResponse<String> got = send(HttpRequest.newBuilder(uri("/warned")).GET());

    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(applied.headers().allValues("warning"))
        .containsExactly(
            "299 - \"spec.predictor.canaryTrafficPercent has no effect in Standard deployment"
                + " mode: all traffic goes to the predictor (expected: spec.canary[] with"
                + " trafficPercent for a canary in Standard mode, or canaryTrafficPercent in"
                + " Knative mode)\"",
            "299 - \"annotation serving.kserve4j.dev/shadow-tolerance has no effect without"
                + " serving.kserve4j.dev/shadow-percent\"");
    assertThat(reapplied.headers().allValues("warning")).as("every apply is told again").hasSize(2);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().allValues("warning")).as("a read warns of nothing").isEmpty();
  }

  private URI uri(String suffix) {
    return URI.create("http://127.0.0.1:" + admin.port() + AdminServer.PATH + suffix);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
