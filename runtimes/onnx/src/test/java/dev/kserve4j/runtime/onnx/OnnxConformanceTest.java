package dev.kserve4j.runtime.onnx;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;

/** The runtime contract on the scikit-learn iris classifier exported to ONNX. */
class OnnxConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "onnx";
  }

  @Override
  protected Path fixture() {
    return TestModels.directory("iris-onnx");
  }

  @Override
  protected Calls calls() {
    float[] row = {7f, 3.2f, 4.7f, 1.4f};
    return Calls.infer(
        request(Tensor.ofFloats("float_input", new long[] {1, 4}, row)),
        request(Tensor.ofFloats("input", new long[] {1, 4}, new float[4])),
        request(Tensor.ofDoubles("float_input", new long[] {1, 4}, new double[4])),
        request(Tensor.ofFloats("float_input", new long[] {1, 5}, new float[5])),
        request());
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
