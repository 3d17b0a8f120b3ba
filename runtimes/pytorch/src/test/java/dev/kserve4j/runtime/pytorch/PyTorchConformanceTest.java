package dev.kserve4j.runtime.pytorch;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;

/**
 * The runtime contract on the TorchScript model with two inputs whose {@code metadata.json} names
 * its tensors (a model without one declares no inputs, so it cannot be checked against them).
 */
class PyTorchConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "pytorch";
  }

  @Override
  protected Path fixture() {
    return TestModels.directory("two-inputs-torch");
  }

  @Override
  protected Calls calls() {
    Tensor features =
        Tensor.ofFloats("features", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    Tensor ids = Tensor.ofLongs("ids", new long[] {2}, new long[] {0, 7});
    return Calls.infer(
        request(features, ids),
        request(Tensor.ofFloats("features", new long[] {2, 4}, new float[8]), ids),
        request(features, Tensor.ofInts("ids", new long[] {2}, new int[2])),
        request(features),
        request(features, ids, Tensor.ofFloats("x", new long[] {1}, new float[1])));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
