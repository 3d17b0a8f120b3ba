package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary rollouts in KServe's Knative form, embedded: revisions loaded side by side, the split
 * measured over real HTTP requests, tag hosts, promotion, rollback and a candidate that fails.
 */
class CanaryRolloutIT {
  private static final int REQUESTS = 2000;
  private static final String HOST = "iris.default.example.com";
  private static final String ROW =
      "{\"inputs\":[{\"name\":\"float_input\",\"datatype\":\"FP32\",\"shape\":[1,4],"
          + "\"data\":[5.9,3.0,5.1,1.8]}],\"outputs\":[{\"name\":\"probabilities\"}]}";

  @TempDir Path cache;
  private EmbeddedHost host;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    host = new EmbeddedHost(cache);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private InferenceService apply(String model, String canary) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          annotations: {serving.kserve.io/enable-tag-routing: "true"}
        spec:
          predictor:
            %s
            model:
              modelFormat: {name: onnx}
              storageUri: %s
        """
            .formatted(canary, TestModels.directory(model).toUri());
    return host.control.apply(new ResourceCodec().read(yaml, "isvc.yaml", InferenceService.class));
  }

  /** The first class probability the answering revision gives. */
  private double answer(String authority) throws Exception {
    AggregatedHttpResponse r = host.post("/v2/models/iris/infer", authority, ROW);
    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
    JsonNode body = json.readTree(r.contentUtf8());
    assertThat(body.path("model_name").asText()).isEqualTo("iris");
    return body.path("outputs").path(0).path("data").path(0).asDouble();
  }

  /** How many of {@link #REQUESTS} requests the revision answering {@code candidate} took. */
  private int candidateShare(double candidate, double stable) throws Exception {
    Map<Double, Integer> counts = new HashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      counts.merge(answer(HOST), 1, Integer::sum);
    }
    assertThat(counts.keySet()).isSubsetOf(candidate, stable);
    return counts.getOrDefault(candidate, 0);
  }

  private static void assertBinomial(int observed, double p) {
    double mean = REQUESTS * p;
    double bound = 4 * Math.sqrt(REQUESTS * p * (1 - p));
    assertThat((double) observed).isBetween(mean - bound, mean + bound);
  }

  private static ComponentStatusSpec predictor(InferenceService isvc) {
    return isvc.getStatus().getComponents().get("predictor");
  }

  @Test
  void aCanaryTakesItsShareThenIsPromotedAndRolledBack() throws Exception {
    InferenceService first = apply("iris-onnx", "");
    assertThat(first.getStatus().isReady()).isTrue();
    double stable = answer(HOST);

    InferenceService dark = apply("iris-onnx-c001", "canaryTrafficPercent: 0");
    assertThat(dark.getStatus().isReady()).isTrue();
    assertThat(predictor(dark).latestReadyRevision()).isEqualTo("iris-predictor-00002");
    assertThat(predictor(dark).latestRolledoutRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor(dark).traffic())
        .extracting(TrafficTarget::tag, TrafficTarget::revisionName, TrafficTarget::percent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("latest", "iris-predictor-00002", 0L),
            org.assertj.core.groups.Tuple.tuple("prev", "iris-predictor-00001", 100L));
    // Tag hosts reach one revision each; the revision names are never what clients call.
    double candidate = answer("latest-" + HOST);
    assertThat(answer("prev-" + HOST)).isEqualTo(stable);
    assertThat(candidate).isNotEqualTo(stable);
    assertThat(candidateShare(candidate, stable)).isZero();

    apply("iris-onnx-c001", "canaryTrafficPercent: 10");
    assertBinomial(candidateShare(candidate, stable), 0.10);
    InferenceService half = apply("iris-onnx-c001", "canaryTrafficPercent: 50");
    assertThat(predictor(half).traffic())
        .extracting(TrafficTarget::percent)
        .containsExactly(50L, 50L);
    assertBinomial(candidateShare(candidate, stable), 0.50);

    InferenceService rolledBack = apply("iris-onnx-c001", "canaryTrafficPercent: 0");
    assertThat(candidateShare(candidate, stable)).isZero();
    assertThat(predictor(rolledBack).latestRolledoutRevision()).isEqualTo("iris-predictor-00001");

    InferenceService promoted = apply("iris-onnx-c001", "");
    assertThat(predictor(promoted).latestRolledoutRevision()).isEqualTo("iris-predictor-00002");
    assertThat(predictor(promoted).previousRolledoutRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor(promoted).traffic())
        .extracting(TrafficTarget::revisionName, TrafficTarget::percent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("iris-predictor-00002", 100L));
    assertThat(candidateShare(candidate, stable)).isEqualTo(REQUESTS);

    // After a promotion, 0 rolls back to the previous rolled-out revision, still loaded.
    InferenceService back = apply("iris-onnx-c001", "canaryTrafficPercent: 0");
    assertThat(predictor(back).latestRolledoutRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor(back).traffic())
        .extracting(TrafficTarget::revisionName, TrafficTarget::percent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("iris-predictor-00002", 0L),
            org.assertj.core.groups.Tuple.tuple("iris-predictor-00001", 100L));
    assertThat(candidateShare(candidate, stable)).isZero();
  }

  @Test
  void aCandidateThatFailsNeverTakesTrafficAndIsReported() throws Exception {
    apply("iris-onnx", "");
    double stable = answer(HOST);

    // An ONNX revision whose files are an XGBoost model: it cannot load.
    InferenceService failed = apply("iris-xgboost", "canaryTrafficPercent: 50");

    assertThat(failed.getStatus().condition("LatestDeploymentReady").orElseThrow().status())
        .isEqualTo("False");
    assertThat(failed.getStatus().condition("PredictorConfigurationReady").orElseThrow().reason())
        .isEqualTo("ModelLoadFailed");
    assertThat(failed.getStatus().getModelStatus().lastFailureInfo().modelRevisionName())
        .isEqualTo("iris-predictor-00002");
    assertThat(predictor(failed).latestCreatedRevision()).isEqualTo("iris-predictor-00002");
    assertThat(predictor(failed).latestReadyRevision()).isEqualTo("iris-predictor-00001");
    // Knative's latest-revision entry resolves to the latest ready revision: all of it to 00001.
    assertThat(predictor(failed).traffic())
        .extracting(TrafficTarget::revisionName)
        .containsOnly("iris-predictor-00001");
    for (int i = 0; i < 200; i++) {
      assertThat(answer(HOST)).isEqualTo(stable);
    }
    assertThat(host.server.repository().names()).containsExactly("iris-predictor-00001");
  }

  @Test
  void aRevisionThatLeftTheTrafficIsUnloaded() {
    apply("iris-onnx", "");
    apply("iris-onnx-c001", "");
    apply("iris-onnx", "");
    // Revision 1 left the traffic and is not the previous rolled-out one: unloaded once drained.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(host.server.repository().names())
                    .containsExactlyInAnyOrder("iris-predictor-00002", "iris-predictor-00003"));
  }
}
