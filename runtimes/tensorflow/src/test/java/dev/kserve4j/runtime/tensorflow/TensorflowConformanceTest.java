package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;

/** The runtime contract on the softmax SavedModel in TF Serving's version directories. */
class TensorflowConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "tensorflow";
  }

  @Override
  protected Path fixture() {
    return TestModels.directory("softmax-tensorflow");
  }

  @Override
  protected Calls calls() {
    return Calls.infer(
        request(Tensor.ofFloats("x", new long[] {1, 4}, new float[] {1, 2, 3, 4})),
        request(Tensor.ofFloats("y", new long[] {1, 4}, new float[4])),
        request(Tensor.ofDoubles("x", new long[] {1, 4}, new double[4])),
        request(Tensor.ofFloats("x", new long[] {1, 5}, new float[5])),
        request());
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
