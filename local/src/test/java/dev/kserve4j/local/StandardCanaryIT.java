package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.CanaryStatus;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.status.InferenceServiceStatusComputer;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.load.SteadyLoad;
import dev.kserve4j.testing.load.Step;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KServe's Standard-form canaries ({@code spec.canary[]}) embedded: two iris ONNX models whose
 * answers differ, the split measured over real HTTP requests, a variant that fails to load taking
 * no traffic, promotion, and a variant dropped under 16 client threads without a failed request.
 */
class StandardCanaryIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String BODY =
      "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [5.1, 3.5, 1.4, 0.2]]}";
  private static final int REQUESTS = 2000;
  private static final int THREADS = 16;
  private static final long PER_STEP = 1500;

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

  /** {@code iris} in Standard mode, the stable predictor named {@code stableName} when given. */
  private InferenceService apply(String stableName, String stableModel, String canaries) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          namespace: ml
          annotations: {serving.kserve.io/deploymentMode: Standard}
        spec:
          predictor:
            %s
            model:
              modelFormat: {name: onnx}
              storageUri: %s
        %s
        """
            .formatted(
                stableName == null ? "" : "name: " + stableName,
                TestModels.directory(stableModel).toUri(),
                canaries.indent(2));
    return host.control.apply(CODEC.read(yaml, "isvc.yaml", InferenceService.class));
  }

  /** One canary entry: its model; the rest of its spec is the stable one's. */
  private static String canary(String name, int percent, String storageUri) {
    return """
    canary:
    - trafficPercent: %d
      predictor:
        name: %s
        model: {modelFormat: {name: onnx}, storageUri: "%s"}
    """
        .formatted(percent, name, storageUri);
  }

  private String answer() {
    var reply = host.post("/serving/ml/iris/v1/models/iris:predict", null, BODY);
    assertThat(reply.status().code()).as(reply.contentUtf8()).isEqualTo(200);
    return reply.contentUtf8();
  }

  private Map<String, Integer> split() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      counts.merge(answer(), 1, Integer::sum);
    }
    return counts;
  }

  private static void assertBinomial(int observed, double p) {
    double mean = REQUESTS * p;
    double bound = 5 * Math.sqrt(REQUESTS * p * (1 - p));
    assertThat((double) observed).isBetween(mean - bound, mean + bound);
  }

  private static Condition condition(InferenceService isvc, String type) {
    return isvc.getStatus().getConditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow();
  }

  /** The answers of the two models, each from a service serving only it. */
  private String[] answers() {
    apply(null, "iris-onnx", "");
    String stable = answer();
    apply(null, "iris-onnx-c001", "");
    String candidate = answer();
    assertThat(candidate).isNotEqualTo(stable);
    return new String[] {stable, candidate};
  }

  @Test
  void readyVariantsTakeTheirPercentAndAFailedOneNone() {
    String[] answers = answers();
    String c001 = TestModels.directory("iris-onnx-c001").toUri().toString();
    InferenceService split = apply(null, "iris-onnx", canary("v2", 30, c001));
    assertThat(split.getStatus().isReady()).isTrue();
    assertThat(condition(split, InferenceServiceStatusComputer.CANARY_PREDICTOR_READY).status())
        .isEqualTo("True");
    CanaryStatus v2 = split.getStatus().getCanaryStatuses().getFirst();
    assertThat(v2.name()).isEqualTo("v2");
    assertThat(v2.trafficPercent()).isEqualTo(30);
    Map<String, Integer> counts = split();
    assertThat(counts.keySet()).containsExactlyInAnyOrder(answers[0], answers[1]);
    assertBinomial(counts.get(answers[1]), 0.3);

    InferenceService failed =
        apply(null, "iris-onnx", canary("v3", 40, cache.resolve("missing").toUri().toString()));
    assertThat(failed.getStatus().isReady()).isTrue();
    Condition canaryReady =
        condition(failed, InferenceServiceStatusComputer.CANARY_PREDICTOR_READY);
    assertThat(canaryReady.status()).isEqualTo("False");
    assertThat(canaryReady.message()).contains("v3").contains("missing");
    // As KServe: the status carries the spec's percent; the routes give the variant none.
    assertThat(failed.getStatus().getCanaryStatuses().getFirst().trafficPercent()).isEqualTo(40);
    assertThat(split().keySet()).containsExactly(answers[0]);
    assertThat(host.server.repository().names())
        .noneMatch(n -> n.startsWith("iris-v2-predictor-canary-"));
  }

  @Test
  void promotionRenamesTheStablePredictor() {
    String[] answers = answers();
    String c001 = TestModels.directory("iris-onnx-c001").toUri().toString();
    apply("v1", "iris-onnx", canary("v2", 50, c001));
    InferenceService promoted = apply("v2", "iris-onnx-c001", "");
    assertThat(promoted.getStatus().isReady()).isTrue();
    assertThat(promoted.getStatus().getCanaryStatuses()).isNullOrEmpty();
    assertThat(split().keySet()).containsExactly(answers[1]);
    assertThat(host.server.repository().names())
        .noneMatch(n -> n.startsWith("iris-v2-predictor-canary-"));
  }

  private SteadyLoad load(Map<String, String> labels) {
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
        labels::get);
  }

  private static Step fill(SteadyLoad load) {
    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> load.peek().sent() >= PER_STEP);
    Step step = load.step();
    System.out.println("[standard-canary] " + step.summary());
    return step;
  }

  @Test
  void deletingAVariantUnderLoadFailsNoRequest() {
    String[] answers = answers();
    String c001 = TestModels.directory("iris-onnx-c001").toUri().toString();
    apply(null, "iris-onnx", canary("v2", 50, c001));
    try (SteadyLoad load = load(Map.of(answers[0], "stable", answers[1], "canary"))) {
      Step before = fill(load);
      assertThat(before.failures()).isEmpty();
      assertThat(before.count("canary")).isPositive();
      InferenceService dropped = apply(null, "iris-onnx", "");
      assertThat(dropped.getStatus().isReady()).isTrue();
      Step during = load.step();
      System.out.println("[standard-canary] dropping the variant: " + during.summary());
      assertThat(during.failures()).isEmpty();
      Step after = fill(load);
      assertThat(after.failures()).isEmpty();
      assertThat(after.count("canary")).as(after.summary()).isLessThanOrEqualTo(THREADS);
    }
    assertThat(host.server.repository().names())
        .noneMatch(n -> n.startsWith("iris-v2-predictor-canary-"));
  }
}
