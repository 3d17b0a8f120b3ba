package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.testing.TestModels;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow traffic embedded: with {@code serving.kserve4j.dev/shadow-percent: "100"} and a canary at
 * 0% (a dark launch), every client answer comes from the stable revision while the candidate
 * receives each request as well, agreeing or disagreeing as its model does.
 */
class EmbeddedShadowIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String BODY =
      "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [5.1, 3.5, 1.4, 0.2]]}";
  private static final String V2_BODY =
      "{\"inputs\":[{\"name\":\"float_input\",\"datatype\":\"FP32\",\"shape\":[1,4],"
          + "\"data\":[5.9,3.0,5.1,1.8]}]}";
  private static final int REQUESTS = 40;
  private static final String CANDIDATE = "iris-v2-predictor-canary-00001";

  @TempDir Path cache;
  private EmbeddedHost host;

  @BeforeEach
  void start() {
    host = new EmbeddedHost(cache);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private InferenceService apply(String canaryModel, String shadow) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          namespace: ml
          annotations:
            serving.kserve.io/deploymentMode: Standard
            %s
        spec:
          predictor:
            model:
              modelFormat: {name: onnx}
              storageUri: %s
          canary:
          - trafficPercent: 0
            predictor:
              name: v2
              model: {modelFormat: {name: onnx}, storageUri: "%s"}
        """
            .formatted(
                shadow,
                TestModels.directory("iris-onnx").toUri(),
                TestModels.directory(canaryModel).toUri());
    return host.control.apply(CODEC.read(yaml, "isvc.yaml", InferenceService.class));
  }

  private String post(String path, String body) {
    var reply = host.post("/serving/ml/iris" + path, null, body);
    assertThat(reply.status().code()).as(reply.contentUtf8()).isEqualTo(200);
    return reply.contentUtf8();
  }

  private double count(String what) {
    return host
        .server
        .meterRegistry()
        .find("kserve4j_shadow_" + what)
        .tag("revision", CANDIDATE)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  @Test
  void aDarkLaunchSeesEveryRequestAndDisagreesWhereItsModelDoes() {
    InferenceService isvc = apply("iris-onnx-c001", "serving.kserve4j.dev/shadow-percent: \"100\"");
    assertThat(isvc.getStatus().isReady()).isTrue();
    String stable = post("/v1/models/iris:predict", BODY);
    for (int i = 1; i < REQUESTS; i++) {
      assertThat(post("/v1/models/iris:predict", BODY)).isEqualTo(stable);
    }
    for (int i = 0; i < REQUESTS; i++) {
      post("/v2/models/iris/infer", V2_BODY);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(count("mirrored")).isEqualTo(2 * REQUESTS);
              assertThat(count("agreement") + count("disagreement") + count("candidate_errors"))
                  .isEqualTo(2 * REQUESTS);
            });
    assertThat(count("disagreement")).isPositive();
    assertThat(count("candidate_errors")).isZero();
  }

  @Test
  void theSameModelAgreesAndNothingIsMirroredWithoutTheAnnotation() {
    apply("iris-onnx", "serving.kserve4j.dev/shadow-percent: \"100\"");
    for (int i = 0; i < REQUESTS; i++) {
      post("/v2/models/iris/infer", V2_BODY);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(count("agreement")).isEqualTo(REQUESTS));
    assertThat(count("disagreement")).isZero();

    apply("iris-onnx", "");
    double before = count("mirrored");
    for (int i = 0; i < REQUESTS; i++) {
      post("/v2/models/iris/infer", V2_BODY);
    }
    assertThat(count("mirrored")).isEqualTo(before);
  }
}
