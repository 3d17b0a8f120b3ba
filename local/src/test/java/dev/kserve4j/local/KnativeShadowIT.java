package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.grpc.GrpcInferCodec;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.testing.TestModels;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow traffic in KServe's Knative form, embedded, over real HTTP and gRPC clients: while {@code
 * canaryTrafficPercent} splits the traffic, every request the rolled-out revision answers (V2 REST
 * and gRPC {@code ModelInfer} alike) is mirrored to the latest ready revision, whose other model
 * disagrees; requests the split sends to the latest revision are not mirrored; once promoted,
 * nothing is.
 */
class KnativeShadowIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String HOST = "iris.default.example.com";
  private static final String STABLE = "iris-predictor-00001";
  private static final String CANDIDATE = "iris-predictor-00002";
  private static final int REQUESTS = 200;
  private static final float[] ROW = {5.9f, 3.0f, 5.1f, 1.8f};
  private static final String V2_BODY =
      "{\"inputs\":[{\"name\":\"float_input\",\"datatype\":\"FP32\",\"shape\":[1,4],"
          + "\"data\":[5.9,3.0,5.1,1.8]}],\"outputs\":[{\"name\":\"probabilities\"}]}";

  private static final Offset<Double> SAME = Offset.offset(1e-6);

  @TempDir Path cache;
  private EmbeddedHost host;
  private GRPCInferenceServiceBlockingStub grpc;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    host = new EmbeddedHost(cache);
    grpc =
        GrpcClients.builder("http://127.0.0.1:" + host.server.grpcPort())
            .setHeader(HttpHeaderNames.AUTHORITY, HOST)
            .responseTimeout(DEADLINE)
            .build(GRPCInferenceServiceBlockingStub.class);
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
          annotations: {serving.kserve4j.dev/shadow-percent: "100"}
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

  /** The first class probability of the revision that answered a V2 REST request. */
  private double rest() throws Exception {
    AggregatedHttpResponse r = host.post("/v2/models/iris/infer", HOST, V2_BODY);
    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
    JsonNode body = json.readTree(r.contentUtf8());
    return body.path("outputs").path(0).path("data").path(0).asDouble();
  }

  /** The first class probability of the revision that answered a gRPC {@code ModelInfer}. */
  private double grpc() {
    InferRequest request =
        InferRequest.of("iris", Tensor.ofFloats("float_input", new long[] {1, 4}, ROW));
    InferResponse response =
        GrpcInferCodec.decodeResponse(
            grpc.modelInfer(GrpcInferCodec.encodeRequest(request, false)));
    assertThat(response.modelName()).isEqualTo("iris");
    return response.output("probabilities").orElseThrow().getAsDouble(0);
  }

  private double count(String what) {
    return host
        .server
        .meterRegistry()
        .find("kserve4j_shadow_" + what)
        .tag("revision", CANDIDATE)
        .tag("stable_revision", STABLE)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double outcomes() {
    return count("agreement") + count("disagreement") + count("candidate_errors");
  }

  private String metricsPage() {
    return WebClient.of("http://127.0.0.1:" + host.server.httpPort())
        .get("/metrics")
        .aggregate()
        .orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
        .join()
        .contentUtf8();
  }

  @Test
  void theRolledOutRevisionsAnswersAreMirroredToTheLatestUntilPromotion() throws Exception {
    assertThat(apply("iris-onnx", "").getStatus().isReady()).isTrue();
    double stable = rest();
    assertThat(grpc()).isCloseTo(stable, SAME);

    assertThat(apply("iris-onnx-c001", "canaryTrafficPercent: 10").getStatus().isReady()).isTrue();
    int stableAnswers = 0;
    int candidateAnswers = 0;
    for (int i = 0; i < REQUESTS; i++) {
      double answer = i % 2 == 0 ? rest() : grpc();
      if (Math.abs(answer - stable) <= 1e-6) {
        stableAnswers++;
      } else {
        candidateAnswers++;
      }
    }
    // The split holds: about 10% answered by the latest revision (within 4 standard deviations).
    assertThat((double) candidateAnswers).isBetween(REQUESTS * 0.1 - 17, REQUESTS * 0.1 + 17);
    int mirrored = stableAnswers;
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(count("mirrored")).isEqualTo(mirrored);
              assertThat(outcomes()).isEqualTo(mirrored);
            });
    // The other model's probabilities differ from the stable one's on every row.
    assertThat(count("disagreement")).isEqualTo(mirrored);
    assertThat(count("candidate_errors")).isZero();
    // The same counts on the server's Prometheus page.
    Matcher line =
        Pattern.compile(
                "kserve4j_shadow_disagreement_total\\{inferenceservice=\"iris\","
                    + "namespace=\"default\",revision=\""
                    + CANDIDATE
                    + "\",stable_revision=\""
                    + STABLE
                    + "\"\\} (\\S+)")
            .matcher(metricsPage());
    assertThat(line.find()).as("the disagreement counter on /metrics").isTrue();
    assertThat(Double.parseDouble(line.group(1))).isEqualTo(mirrored);

    // Promotion (the field removed): one revision takes all the traffic, nothing is mirrored.
    assertThat(apply("iris-onnx-c001", "").getStatus().isReady()).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(i % 2 == 0 ? rest() : grpc()).isNotCloseTo(stable, SAME);
    }
    await()
        .during(Duration.ofSeconds(1))
        .atMost(DEADLINE)
        .untilAsserted(() -> assertThat(count("mirrored")).isEqualTo(mirrored));
    assertThat(outcomes()).isEqualTo(mirrored);
  }
}
