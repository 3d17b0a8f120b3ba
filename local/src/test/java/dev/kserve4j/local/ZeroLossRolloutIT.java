package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.load.SteadyLoad;
import dev.kserve4j.testing.load.Step;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request is lost while what serves an InferenceService changes: 16 client threads send V1
 * requests back to back through the service's host while specs are applied, and every answer is
 * counted by the revision that gave it.
 */
class ZeroLossRolloutIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String BODY =
      "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [5.1, 3.5, 1.4, 0.2]]}";
  private static final int THREADS = 16;

  /** Answers each step waits for, so every step sees real load. */
  private static final long PER_STEP = 1500;

  private EmbeddedHost host;

  @BeforeEach
  void start(@TempDir Path cache) {
    host = new EmbeddedHost(cache);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private static InferenceService isvc(String model, String predictorFields) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: iris, namespace: ml}
        spec:
          predictor:
        %s    model:
              modelFormat: {name: onnx}
              storageUri: %s
        """
            .formatted(predictorFields.indent(4), TestModels.directory(model)),
        "test",
        InferenceService.class);
  }

  private SteadyLoad load(Map<String, String> revisionByAnswer) {
    // The service's path prefix: the JDK's client does not let a request set its Host header.
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + host.server.httpPort()
                + "/serving/ml/iris/v1/models/iris:predict");
    return SteadyLoad.start(
        THREADS,
        () ->
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build(),
        revisionByAnswer::get);
  }

  /** What the service answers to {@link #BODY} now. */
  private String answer() {
    var reply = host.post("/v1/models/iris:predict", "iris.ml.example.com", BODY);
    assertThat(reply.status().code()).as(reply.contentUtf8()).isEqualTo(200);
    return reply.contentUtf8();
  }

  private static Step fill(SteadyLoad load) {
    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> load.peek().sent() >= PER_STEP);
    Step step = load.step();
    System.out.println("[zero-loss] " + step.summary());
    return step;
  }

  @Test
  void aNewRevisionTakesOverWithoutAFailedRequest() {
    assertThat(host.control.apply(isvc("iris-onnx", "")).getStatus().isReady()).isTrue();
    String first = answer();
    host.control.apply(isvc("iris-onnx-c001", ""));
    String second = answer();
    assertThat(second).isNotEqualTo(first);
    host.control.apply(isvc("iris-onnx", ""));

    try (SteadyLoad load = load(Map.of(first, "00003", second, "00004"))) {
      assertThat(fill(load).failed()).isZero();
      InferenceService changed = host.control.apply(isvc("iris-onnx-c001", ""));
      assertThat(changed.getStatus().isReady()).isTrue();
      Step during = load.step();
      System.out.println("[zero-loss] during the change: " + during.summary());
      assertThat(during.failures()).isEmpty();
      Step after = fill(load);
      assertThat(after.failures()).isEmpty();
      // Requests sent after the apply returned are answered by the new revision; only those
      // already in flight (one per thread at most) may still come from the old one.
      assertThat(after.count("00003")).as(after.summary()).isLessThanOrEqualTo(THREADS);
    }
  }

  /** The service with a transformer from {@code transformerDir} in front of the iris ONNX model. */
  private static InferenceService withTransformer(Path transformerDir) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: iris, namespace: ml}
        spec:
          predictor:
            model:
              modelFormat: {name: onnx}
              storageUri: %s
          transformer:
            containers:
            - name: kserve-container
              image: ghcr.io/kserve4j/kserve4j-server:0.1.0
              args: [serve, --model-dir=/mnt/models, --model-name=iris, --model-format=python]
              env:
              - name: STORAGE_URI
                value: %s
        """
            .formatted(TestModels.directory("iris-onnx"), transformerDir),
        "test",
        InferenceService.class);
  }

  @Test
  void aTransformerChangeSwapsInWithoutAFailedRequest(@TempDir Path models) throws Exception {
    // Two transformers telling their answers apart: each adds its own tag.
    String source =
        """
        from kserve import Model


        class Tagger(Model):
            def __init__(self, name):
                super().__init__(name)
                self.ready = True

            def preprocess(self, payload, headers=None):
                return payload

            def postprocess(self, result, headers=None):
                return {"predictions": result["predictions"], "by": "%s"}
        """;
    Path a = java.nio.file.Files.createDirectories(models.resolve("a"));
    java.nio.file.Files.writeString(a.resolve("model.py"), source.formatted("a"));
    Path b = java.nio.file.Files.createDirectories(models.resolve("b"));
    java.nio.file.Files.writeString(b.resolve("model.py"), source.formatted("b"));
    InferenceService first = host.control.apply(withTransformer(a));
    assertThat(first.getStatus().isReady()).as(first.getStatus().toString()).isTrue();
    String byA = answer();
    assertThat(byA).contains("\"by\":\"a\"");
    String byB = byA.replace("\"by\":\"a\"", "\"by\":\"b\"");

    try (SteadyLoad load = load(Map.of(byA, "a", byB, "b"))) {
      assertThat(fill(load).failed()).isZero();
      InferenceService changed = host.control.apply(withTransformer(b));
      assertThat(changed.getStatus().isReady()).isTrue();
      assertThat(changed.getStatus().getComponents().get("transformer").latestReadyRevision())
          .isEqualTo("iris-transformer-00002");
      Step during = load.step();
      System.out.println("[zero-loss] transformer change: " + during.summary());
      assertThat(during.failures()).isEmpty();
      Step after = fill(load);
      assertThat(after.failures()).isEmpty();
      assertThat(after.count("a")).as(after.summary()).isLessThanOrEqualTo(THREADS);
      assertThat(after.count("b")).as(after.summary()).isPositive();
    }
  }

  /**
   * Applies {@code spec}, then counts {@link #PER_STEP} answers; no request may fail while it
   * applies or after. Returns the step after the apply.
   */
  private Step change(SteadyLoad load, InferenceService spec) {
    load.step();
    InferenceService applied = host.control.apply(spec);
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();
    Step during = load.step();
    assertThat(during.failures()).as("while applying").isEmpty();
    Step after = fill(load);
    assertThat(after.failures()).isEmpty();
    return after;
  }

  @Test
  void aCanaryRolloutFromZeroToOneHundredAndARollbackLoseNothing() {
    host.control.apply(isvc("iris-onnx", ""));
    String stable = answer();
    host.control.apply(isvc("iris-onnx-c001", ""));
    String candidate = answer();
    assertThat(candidate).isNotEqualTo(stable);
    // Revision 3 (stable) rolled out; revision 4 is the candidate below.
    host.control.apply(isvc("iris-onnx", ""));

    try (SteadyLoad load = load(Map.of(stable, "stable", candidate, "candidate"))) {
      assertThat(fill(load).failures()).isEmpty();
      // A new revision that takes no traffic yet.
      Step zero = change(load, isvc("iris-onnx-c001", "canaryTrafficPercent: 0"));
      assertThat(zero.count("candidate")).as(zero.summary()).isLessThanOrEqualTo(THREADS);
      for (int percent : new int[] {10, 50}) {
        Step split = change(load, isvc("iris-onnx-c001", "canaryTrafficPercent: " + percent));
        assertThat(split.shareWithin("candidate", percent / 100.0, 4))
            .as(percent + "%: " + split.summary())
            .isTrue();
      }
      Step rolledBack = change(load, isvc("iris-onnx-c001", "canaryTrafficPercent: 0"));
      assertThat(rolledBack.count("candidate"))
          .as(rolledBack.summary())
          .isLessThanOrEqualTo(THREADS);
      change(load, isvc("iris-onnx-c001", "canaryTrafficPercent: 50"));
      Step promoted = change(load, isvc("iris-onnx-c001", ""));
      assertThat(promoted.count("stable")).as(promoted.summary()).isLessThanOrEqualTo(THREADS);
    }
  }
}
