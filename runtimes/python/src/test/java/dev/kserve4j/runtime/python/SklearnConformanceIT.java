package dev.kserve4j.runtime.python;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;
import java.util.Map;

/** The runtime contract on the scikit-learn iris classifier saved with joblib. */
class SklearnConformanceIT extends RuntimeConformance {
  @Override
  protected String format() {
    return "sklearn";
  }

  @Override
  protected Path fixture() {
    TestPython.assumeSklearn();
    return TestModels.directory("iris-sklearn-joblib");
  }

  @Override
  protected Map<String, String> options() {
    return Map.of("python", TestPython.SYSTEM_PYTHON);
  }

  /** A joblib file names no inputs; any one numeric matrix of the trained width is taken. */
  @Override
  protected boolean declaresInputs() {
    return false;
  }

  @Override
  protected Calls calls() {
    return Calls.infer(
        request(Tensor.ofDoubles("features", new long[] {1, 4}, new double[] {6.8, 2.8, 4.8, 1.4})),
        request(Tensor.ofDoubles("features", new long[] {1, 3}, new double[] {1, 2, 3})),
        request(Tensor.ofDoubles("features", new long[] {1, 1, 4}, new double[4])));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
