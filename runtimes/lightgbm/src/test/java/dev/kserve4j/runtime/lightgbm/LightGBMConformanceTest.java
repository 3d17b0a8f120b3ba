package dev.kserve4j.runtime.lightgbm;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;

/** The runtime contract on a multiclass model trained by LightGBM itself. */
class LightGBMConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "lightgbm";
  }

  @Override
  protected Path fixture() {
    Path dir = scratch().resolve("multiclass");
    try {
      TrainedModels.train(dir, "multiclass").close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot train the fixture in " + dir, e);
    }
    return dir;
  }

  @Override
  protected Calls calls() {
    Tensor row = Tensor.ofDoubles("x", new long[] {1, 4}, new double[] {0.5, -1, 2, 0});
    return Calls.infer(
        request(row),
        request(Tensor.ofDoubles("x", new long[] {2, 5}, new double[10])),
        request(new Tensor("x", Datatype.BYTES, new long[] {1, 1}, new byte[][] {{1}})),
        request(Tensor.ofDoubles("x", new long[] {1, 1, 4}, new double[4])),
        request(row, row.withName("y")));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
