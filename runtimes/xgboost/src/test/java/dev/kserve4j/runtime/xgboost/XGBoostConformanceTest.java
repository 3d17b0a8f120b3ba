package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;

/** The runtime contract on the iris booster saved as JSON. */
class XGBoostConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "xgboost";
  }

  @Override
  protected Path fixture() {
    return TestModels.directory("iris-xgboost");
  }

  @Override
  protected Calls calls() {
    Tensor row =
        Tensor.ofFloats("input-0", new long[] {1, 4}, new float[] {6.8f, 2.8f, 4.8f, 1.4f});
    return Calls.infer(
        request(row),
        request(Tensor.ofDoubles("input-0", new long[] {2, 5}, new double[10])),
        request(new Tensor("input-0", Datatype.BYTES, new long[] {1, 1}, new byte[][] {{1}})),
        request(Tensor.ofDoubles("input-0", new long[] {1, 1, 4}, new double[4])),
        request(row, row.withName("input-1")));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
