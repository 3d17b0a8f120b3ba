package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.load.SteadyLoad;
import dev.kserve4j.testing.load.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knative's autoscaling under {@code kserve4j up}: a component with {@code minReplicas: 0} scales
 * up under load, down to zero once idle for the stable window and the grace period, and back on the
 * first request, losing no request; while no replica can take a request the activator holds it, and
 * answers 503 with {@code Retry-After} when its queue is full.
 */
class AutoscalingIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String IRIS = "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}";

  /** A model.py that takes {@code SLEEP} seconds per request, so load shows as concurrency. */
  private static final String SLOW_MODEL_PY =
      """
      import time
      from kserve import Model


      class Slow(Model):
          def __init__(self, name):
              super().__init__(name)
              self.ready = True

          def predict(self, payload, headers=None):
              time.sleep(%s)
              return {"predictions": payload["instances"]}
      """;

  private EmbeddedHost host;

  @BeforeEach
  void start(@TempDir Path cache) {
    host = new EmbeddedHost(cache);
    host.control.startAutoscaling(host.server.meterRegistry(), Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    host.control.stopAutoscaling();
    host.close();
  }

  private static InferenceService isvc(String yaml) {
    return CODEC.read(yaml, "test", InferenceService.class);
  }

  private static InferenceService iris(String predictorFields) {
    return isvc(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          namespace: ml
          annotations: {autoscaling.knative.dev/window: 6s}
        spec:
          predictor:
        %s    model:
              modelFormat: {name: onnx}
              storageUri: %s
        """
            .formatted(predictorFields.indent(4), TestModels.directory("iris-onnx")));
  }

  private InferenceService slow(Path dir, double seconds, String predictorFields, String annots)
      throws IOException {
    Required.that(
        Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 (install python3)");
    Files.writeString(dir.resolve("model.py"), SLOW_MODEL_PY.formatted(seconds));
    return isvc(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: slow
          namespace: ml
          annotations: {autoscaling.knative.dev/window: 6s%s}
        spec:
          predictor:
        %s    containers:
            - name: kserve-container
              image: ghcr.io/kserve4j/kserve4j-server:0.1.0
              args: ["serve", "--model-dir=/mnt/models", "--model-name=slow", "--model-format=python"]
              env:
              - {name: STORAGE_URI, value: "%s"}
        """
            .formatted(annots, predictorFields.indent(4), dir.toUri()));
  }

  private LocalAutoscaler.Replicas replicas(String name) {
    InferenceService now = host.control.get("ml", name).orElseThrow();
    Map<String, Object> predictor =
        now.getStatus().getComponents().get("predictor").additionalProperties();
    return new LocalAutoscaler.Replicas(
        (Integer) predictor.getOrDefault("desiredReplicas", -1),
        (Integer) predictor.getOrDefault("actualReplicas", -1),
        false);
  }

  private String metrics() {
    return host.server.meterRegistry().scrape();
  }

  @Test
  void scalesUpUnderLoadToZeroWhenIdleAndBackOnTheFirstRequestLosingNothing(@TempDir Path dir)
      throws IOException {
    InferenceService applied =
        host.control.apply(slow(dir, 0.05, "minReplicas: 0\nmaxReplicas: 3\nscaleTarget: 1\n", ""));
    assertThat(applied.getStatus().isReady()).as("%s", applied.getStatus()).isTrue();
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + host.server.httpPort()
                + "/serving/ml/slow/v1/models/slow:predict");
    List<Integer> seen = new ArrayList<>();
    try (SteadyLoad load =
        SteadyLoad.start(
            6,
            () ->
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[1]]}"))
                    .build(),
            body -> "ok")) {
      Awaitility.await()
          .atMost(DEADLINE)
          .until(
              () -> {
                seen.add(replicas("slow").actual());
                return replicas("slow").actual() == 3;
              });
      Step up = load.step();
      System.out.println("[autoscaling] scaling up: " + up.summary() + ", replicas " + seen);
      assertThat(up.failures()).isEmpty();
      assertThat(metrics())
          .contains(
              "kserve4j_autoscaler_desired_replicas{component=\"predictor\","
                  + "inferenceservice=\"slow\",namespace=\"ml\"} 3.0")
          .contains(
              "kserve4j_autoscaler_actual_replicas{component=\"predictor\","
                  + "inferenceservice=\"slow\",namespace=\"ml\"} 3.0")
          .contains("kserve4j_autoscaler_panic_mode{component=\"predictor\"")
          .contains("kserve4j_activator_queue_depth{component=\"predictor\"");
    }
    Awaitility.await().atMost(DEADLINE).until(() -> replicas("slow").actual() == 0);
    assertThat(replicas("slow")).isEqualTo(new LocalAutoscaler.Replicas(0, 0, false));
    assertThat(host.control.get("ml", "slow").orElseThrow().getStatus().isReady()).isTrue();

    AggregatedHttpResponse first =
        host.post("/v1/models/slow:predict", "slow.ml.example.com", "{\"instances\": [[7]]}");
    assertThat(first.status().code()).as(first.contentUtf8()).isEqualTo(200);
    assertThat(first.contentUtf8()).contains("[[7]]");
    // The activator's poke counts the request: 1 in flight over a target of 0.7 a replica wants 2
    // (as Knative's would); the first of them answered.
    assertThat(replicas("slow").actual()).isPositive();
    assertThat(replicas("slow").desired()).isBetween(1, 2);
    assertThat(metrics()).contains("kserve4j_autoscaler_cold_start_seconds_count{");
  }

  @Test
  void aScaledToZeroOnnxModelAnswersV1V2RestAndGrpcOnTheFirstRequest() {
    InferenceService applied = host.control.apply(iris("minReplicas: 0\n"));
    assertThat(applied.getStatus().isReady()).as("%s", applied.getStatus()).isTrue();
    Awaitility.await().atMost(DEADLINE).until(() -> replicas("iris").actual() == 0);

    AggregatedHttpResponse v1 = host.post("/v1/models/iris:predict", "iris.ml.example.com", IRIS);
    assertThat(v1.status().code()).as(v1.contentUtf8()).isEqualTo(200);
    assertThat(v1.contentUtf8()).isEqualTo("{\"predictions\":[1]}");
    assertThat(replicas("iris").actual()).isEqualTo(1);

    Awaitility.await().atMost(DEADLINE).until(() -> replicas("iris").actual() == 0);
    AggregatedHttpResponse v2 =
        host.post(
            "/v2/models/iris/infer",
            "iris.ml.example.com",
            "{\"inputs\": [{\"name\": \"float_input\", \"shape\": [1, 4], \"datatype\":"
                + " \"FP32\", \"data\": [6.8, 2.8, 4.8, 1.4]}]}");
    assertThat(v2.status().code()).as(v2.contentUtf8()).isEqualTo(200);
    assertThat(v2.contentUtf8()).contains("\"name\":\"label\"");

    Awaitility.await().atMost(DEADLINE).until(() -> replicas("iris").actual() == 0);
    ModelInferResponse grpc =
        GrpcClients.builder("http://127.0.0.1:" + host.server.grpcPort())
            .setHeader(HttpHeaderNames.AUTHORITY, "iris.ml.example.com")
            .build(GRPCInferenceServiceBlockingStub.class)
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .modelInfer(
                ModelInferRequest.newBuilder()
                    .setModelName("iris")
                    .addInputs(
                        InferInputTensor.newBuilder()
                            .setName("float_input")
                            .setDatatype("FP32")
                            .addShape(1)
                            .addShape(4)
                            .setContents(
                                InferTensorContents.newBuilder()
                                    .addAllFp32Contents(List.of(6.8f, 2.8f, 4.8f, 1.4f))))
                    .build());
    assertThat(grpc.getOutputsList()).extracting(o -> o.getName()).contains("label");
    assertThat(replicas("iris").actual()).isEqualTo(1);
  }

  @Test
  void aFullActivatorQueueIsAnswered503WithRetryAfterNamingTheInferenceService(@TempDir Path dir)
      throws IOException {
    host.control.apply(
        slow(
            dir,
            1.0,
            "containerConcurrency: 1\n",
            ", serving.kserve4j.dev/activator-queue-size: \"1\""));
    List<CompletableFuture<AggregatedHttpResponse>> sent = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 3; i++) {
        sent.add(
            CompletableFuture.supplyAsync(
                () ->
                    host.post(
                        "/v1/models/slow:predict", "slow.ml.example.com", "{\"instances\": [[1]]}"),
                clients));
      }
    } finally {
      clients.shutdown();
    }
    List<AggregatedHttpResponse> replies = sent.stream().map(CompletableFuture::join).toList();
    List<Integer> codes = replies.stream().map(r -> r.status().code()).sorted().toList();
    assertThat(codes).containsExactly(200, 200, 503);
    AggregatedHttpResponse refused =
        replies.stream().filter(r -> r.status().code() == 503).findFirst().orElseThrow();
    assertThat(refused.headers().get("retry-after")).isEqualTo("1");
    assertThat(refused.contentUtf8())
        .contains("InferenceService ml/slow (predictor): the activator queue is full");
  }

  @Test
  void settingsKnativeOrKServeRefuseAreRefusedAtAdmissionNamingTheField() {
    InferenceService shortWindow = iris("");
    shortWindow.getMetadata().setAnnotations(Map.of("autoscaling.knative.dev/window", "5s"));
    assertThatThrownBy(() -> host.control.apply(shortWindow))
        .isInstanceOf(AdmissionDeniedException.class)
        .hasMessageContaining("expected 6s <= 5s <= 1h0m0s")
        .hasMessageContaining("metadata.annotations")
        .hasMessageContaining("autoscaling.knative.dev/window");
    InferenceService zeroTarget = iris("");
    zeroTarget.getMetadata().setAnnotations(Map.of("autoscaling.knative.dev/target", "0"));
    assertThatThrownBy(() -> host.control.apply(zeroTarget))
        .hasMessageContaining("target 0 should be at least 0.01")
        .hasMessageContaining("autoscaling.knative.dev/target");
    assertThatThrownBy(() -> host.control.apply(iris("minReplicas: 3\nmaxReplicas: 1\n")))
        .hasMessageContaining("'MinReplicas' cannot be greater than MaxReplicas (maxReplicas: 1)");
    assertThatThrownBy(() -> host.control.apply(iris("scaleMetric: latency\n")))
        .hasMessageContaining("latency");
    assertThat(host.control.get("ml", "iris")).isEmpty();
  }
}
