package dev.kserve4j.runtime.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;
import java.util.Map;

/** The runtime contract on a model.py (a scaler of two features) in Python worker processes. */
class PythonConformanceIT extends RuntimeConformance {
  @Override
  protected String format() {
    return "python";
  }

  @Override
  protected Path fixture() {
    assumeTrue(
        TestPython.canImport(TestPython.SYSTEM_PYTHON, "numpy"),
        TestPython.SYSTEM_PYTHON + " cannot import numpy (install Debian's python3-numpy)");
    return TestPython.customModel("sync-scaler");
  }

  @Override
  protected Map<String, String> options() {
    return Map.of("python", TestPython.SYSTEM_PYTHON);
  }

  @Override
  protected Calls calls() {
    return Calls.infer(
        request(Tensor.ofFloats("x", new long[] {2, 2}, new float[] {1, 2, 3, -4})),
        request(Tensor.ofFloats("y", new long[] {1, 2}, new float[] {1, 2})),
        request(Tensor.ofDoubles("x", new long[] {1, 2}, new double[] {1, 2})));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
