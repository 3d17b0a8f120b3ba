package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Eager PyTorch through the Python worker runtime: a KServe-style model.py that rebuilds its
 * nn.Module and loads a state_dict, compared with what torch itself computed when the weights were
 * written (testing/fixtures/generate_torch.py).
 */
class EagerTorchIT {
  @BeforeAll
  static void needsTorch() {
    Required.that(
        TestPython.canImport(TestPython.SYSTEM_PYTHON, "numpy", "torch"),
        TestPython.SYSTEM_PYTHON + " cannot import torch (install Debian's python3-torch)");
  }

  @Test
  void eagerModuleAnswersTorchsOwnOutputs() throws IOException {
    JsonNode expected =
        new ObjectMapper().readTree(TestModels.file("eager-torch", "expected.json").toFile());
    JsonNode input = expected.at("/inputs/0");
    float[] rows = new float[input.get("data").size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) input.get("data").get(i).asDouble();
    }
    try (PythonModel model =
        new PythonRuntimeProvider()
            .load(
                new ModelSpec(
                    "eager",
                    null,
                    TestModels.directory("eager-torch"),
                    Map.of("python", TestPython.SYSTEM_PYTHON)))) {
      assertThat(model.batchable()).isTrue();

      Tensor out =
          model
              .predict(
                  InferRequest.of(
                      "eager",
                      Tensor.ofFloats(
                          "input-0",
                          new long[] {input.at("/shape/0").asLong(), input.at("/shape/1").asLong()},
                          rows)))
              .outputs()
              .get(0);

      assertThat(out.name()).isEqualTo("probabilities");
      assertThat(out.shape()).containsExactly(rows.length / 4, 3);
      JsonNode want = expected.at("/outputs/0/data");
      double tolerance = expected.get("tolerance").asDouble();
      for (int i = 0; i < want.size(); i++) {
        assertThat((double) out.floats()[i])
            .as("element %d", i)
            .isCloseTo(want.get(i).asDouble(), within(tolerance));
      }
    }
  }
}
