package dev.kserve4j.server.shadow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shadow traffic between real models of one server, called in-process through {@link JsonInference}
 * as an embedded router calls them: the same model agrees with itself over V1 and V2, another model
 * disagrees, a model that cannot read the request is a candidate error.
 */
class ShadowMirrorIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final byte[] V1 =
      "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}".getBytes(UTF_8);
  private static final byte[] V2 =
      ("{\"inputs\": [{\"name\": \"float_input\", \"datatype\": \"FP32\", \"shape\": [2, 4],"
              + " \"data\": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}")
          .getBytes(UTF_8);

  private static KServeServer server;

  @BeforeAll
  static void start() {
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(
                        model("stable", "iris-onnx", "onnx"),
                        model("same", "iris-onnx", "onnx"),
                        model("xgboost", "iris-xgboost", "xgboost"),
                        model("mlp", "mlp-onnx", "onnx")))
                .onEphemeralPorts(),
            ModelRuntimes.discover(ShadowMirrorIT.class.getClassLoader()));
  }

  private static ModelConfig model(String name, String fixture, String format) {
    return new ModelConfig(name, null, TestModels.directory(fixture), format, Map.of(), null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ShadowOutcome mirrorV1(String candidate) {
    JsonInference inference = server.inference();
    try (var mirror =
        ShadowMirror.json(
            new ShadowTarget("ns", "iris", "stable", candidate),
            ShadowSettings.of(100),
            r -> inference.v1Predict(candidate, r.body(), r.headers()),
            server.meterRegistry())) {
      JsonInference.Request request = new JsonInference.Request(V1, Map.of());
      JsonReply stable = inference.v1Predict("stable", V1, Map.of()).join();
      assertThat(stable.status()).as(new String(stable.body(), UTF_8)).isEqualTo(200);
      CompletableFuture<ShadowOutcome> outcome = mirror.offer(request, stable);
      await().atMost(DEADLINE).until(outcome::isDone);
      return outcome.join();
    }
  }

  @Test
  void theSameModelAgreesOverV1AndV2() {
    assertThat(mirrorV1("same")).isEqualTo(ShadowOutcome.AGREED);

    JsonInference inference = server.inference();
    try (var mirror =
        ShadowMirror.json(
            new ShadowTarget("ns", "iris", "stable", "same-v2"),
            ShadowSettings.of(100),
            r -> inference.v2Infer("same", r.body(), r.headers()),
            server.meterRegistry())) {
      JsonReply stable = inference.v2Infer("stable", V2, Map.of()).join();
      assertThat(stable.status()).as(new String(stable.body(), UTF_8)).isEqualTo(200);
      CompletableFuture<ShadowOutcome> outcome =
          mirror.offer(new JsonInference.Request(V2, Map.of()), stable);
      await().atMost(DEADLINE).until(outcome::isDone);
      assertThat(outcome.join()).isEqualTo(ShadowOutcome.AGREED);
      assertThat(mirror.metrics().agreement()).isEqualTo(1);
    }
  }

  @Test
  void anotherModelDisagrees() {
    assertThat(mirrorV1("xgboost")).isEqualTo(ShadowOutcome.DISAGREED);
  }

  @Test
  void aModelThatCannotReadTheRequestIsACandidateError() {
    assertThat(mirrorV1("mlp")).isEqualTo(ShadowOutcome.CANDIDATE_ERROR);
    assertThat(server.meterRegistry().scrape())
        .contains(
            "kserve4j_shadow_candidate_errors_total{inferenceservice=\"iris\",namespace=\"ns\","
                + "revision=\"mlp\",stable_revision=\"stable\"} 1.0");
  }
}
