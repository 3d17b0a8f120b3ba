package dev.kserve4j.runtime.onnx;

import static dev.kserve4j.testing.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.GoldenCase;
import dev.kserve4j.testing.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each generated model on its recorded inputs and compares with the reference framework's
 * outputs: floating-point values within the tolerance stated in {@code expected.json} (1e-5),
 * everything else exactly.
 */
class OnnxGoldenTest {
  private final OnnxRuntimeProvider provider = new OnnxRuntimeProvider();

  @ParameterizedTest
  @ValueSource(strings = {"iris-onnx", "mlp-onnx", "types-onnx"})
  void metadataMatchesTheGraph(String name) {
    GoldenCase golden = GoldenCase.read(name);
    try (OnnxModel model = provider.load(new ModelSpec(name, TestModels.directory(name)))) {
      assertThat(model.metadata().name()).isEqualTo(name);
      assertThat(model.metadata().platform()).isEqualTo("onnxruntime_onnx");
      assertThat(model.metadata().inputs()).containsExactlyElementsOf(golden.declaredInputs());
      assertThat(model.metadata().outputs()).containsExactlyElementsOf(golden.declaredOutputs());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris-onnx", "mlp-onnx", "types-onnx"})
  void outputsMatchTheReferenceFramework(String name) {
    GoldenCase golden = GoldenCase.read(name);
    try (OnnxModel model = provider.load(new ModelSpec(name, TestModels.directory(name)))) {
      InferResponse response =
          model.predict(InferRequest.of(name, golden.inputs().toArray(Tensor[]::new)));

      assertThat(response.modelName()).isEqualTo(name);
      assertThat(response.outputs()).hasSameSizeAs(golden.outputs());
      for (int i = 0; i < golden.outputs().size(); i++) {
        assertClose(response.outputs().get(i), golden.outputs().get(i), golden.tolerance());
      }
    }
  }
}
