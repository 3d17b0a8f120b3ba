package dev.kserve4j.local;

import static dev.kserve4j.local.TransformerExplainerIT.component;
import static dev.kserve4j.local.TransformerExplainerIT.isvc;
import static dev.kserve4j.local.TransformerExplainerIT.onnx;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse.InferOutputTensor;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V2 gRPC {@code ModelInfer} under the embedded host, routed by {@code :authority} as KServe's
 * ingress routes it: the InferenceService's host reaches its transformer (the {@code model.py}
 * iris-transformer fixture, records to a matrix and class names back), which calls the ONNX
 * predictor in-process; the {@code -predictor} host reaches the predictor directly.
 */
class EmbeddedGrpcTransformerIT {
  EmbeddedHost host;

  @BeforeEach
  void start(@TempDir Path cache) {
    Required.that(
        Files.isExecutable(Path.of("/usr/bin/python3")), "python3 (Debian's python3-numpy)");
    host = new EmbeddedHost(cache);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private GRPCInferenceServiceBlockingStub client(String authority) {
    return GrpcClients.builder("http://127.0.0.1:" + host.server.grpcPort())
        .setHeader(HttpHeaderNames.AUTHORITY, authority)
        .build(GRPCInferenceServiceBlockingStub.class)
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static InferInputTensor fp32(String name, long[] shape, float... values) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (float v : values) {
      contents.addFp32Contents(v);
    }
    InferInputTensor.Builder tensor =
        InferInputTensor.newBuilder().setName(name).setDatatype("FP32").setContents(contents);
    for (long d : shape) {
      tensor.addShape(d);
    }
    return tensor.build();
  }

  private static InferOutputTensor output(ModelInferResponse answer, String name) {
    return answer.getOutputsList().stream()
        .filter(o -> o.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no output " + name + " in " + answer));
  }

  @Test
  void theServiceAuthorityReachesTheTransformerAndThePredictorAuthorityThePredictor() {
    InferenceService applied =
        host.control.apply(
            isvc(
                "iris",
                onnx("v2"),
                component("transformer", TestModels.directory("iris-transformer").toString(), "")));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();

    long[] two = {2};
    ModelInferRequest records =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .setId("g-1")
            .addInputs(fp32("sepal_length", two, 5.1f, 6.7f))
            .addInputs(fp32("sepal_width", two, 3.5f, 3.0f))
            .addInputs(fp32("petal_length", two, 1.4f, 5.2f))
            .addInputs(fp32("petal_width", two, 0.2f, 2.3f))
            .build();
    ModelInferResponse transformed = client("iris.ml.example.com").modelInfer(records);

    assertThat(transformed.getId()).isEqualTo("g-1");
    assertThat(
            output(transformed, "class").getContents().getBytesContentsList().stream()
                .map(b -> b.toString(StandardCharsets.UTF_8)))
        .containsExactly("setosa", "virginica");
    assertThat(output(transformed, "label").getContents().getInt64ContentsList())
        .containsExactly(0L, 2L);

    ModelInferRequest matrix =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .setId("g-2")
            .addInputs(
                fp32(
                    "float_input",
                    new long[] {2, 4},
                    5.1f,
                    3.5f,
                    1.4f,
                    0.2f,
                    6.7f,
                    3.0f,
                    5.2f,
                    2.3f))
            .build();
    ModelInferResponse direct = client("iris-predictor.ml.example.com").modelInfer(matrix);

    assertThat(direct.getId()).isEqualTo("g-2");
    assertThat(direct.getOutputsList())
        .extracting(InferOutputTensor::getName)
        .doesNotContain("class");
    assertThat(output(direct, "label").getContents().getInt64ContentsList())
        .containsExactly(0L, 2L);
  }
}
