package dev.kserve4j.runtime.tensorflow;

import static dev.kserve4j.testing.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.GoldenCase;
import dev.kserve4j.testing.TestModels;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs each generated SavedModel on its recorded inputs and compares with outputs computed in plain
 * Java arithmetic: floating-point values within the tolerance stated in the JSON (1e-5), everything
 * else exactly. The softmax model is served at its highest version (2), through both of its
 * signatures.
 */
class TensorflowGoldenTest {
  private final TensorflowRuntimeProvider provider = new TensorflowRuntimeProvider();

  @ParameterizedTest
  @CsvSource({
    "softmax-tensorflow, expected.json, serving_default",
    "softmax-tensorflow, expected-logits.json, logits",
    "mixed-tensorflow, expected.json, serving_default",
    "types-tensorflow, expected.json, serving_default"
  })
  void metadataAndOutputsMatchTheReference(String name, String file, String signature) {
    GoldenCase golden = GoldenCase.read(name, file);
    ModelSpec spec =
        new ModelSpec(name, null, TestModels.directory(name), Map.of("signature", signature));
    try (TensorflowModel model = provider.load(spec)) {
      assertThat(model.metadata().platform()).isEqualTo("tensorflow_savedmodel");
      assertThat(model.metadata().inputs()).containsExactlyElementsOf(golden.declaredInputs());
      assertThat(model.metadata().outputs()).containsExactlyElementsOf(golden.declaredOutputs());
      assertThat(model.batchable()).isTrue();

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
