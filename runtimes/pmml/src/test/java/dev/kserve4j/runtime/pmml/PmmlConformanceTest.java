package dev.kserve4j.runtime.pmml;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The runtime contract on the iris decision tree exported to PMML. */
class PmmlConformanceTest extends RuntimeConformance {
  @Override
  protected String format() {
    return "pmml";
  }

  @Override
  protected Path fixture() {
    return TestModels.directory("iris-pmml-tree");
  }

  @Override
  protected Calls calls() {
    Tensor row = Tensor.ofDoubles("input-0", new long[] {1, 4}, new double[] {5.1, 3.5, 1.4, 0.2});
    byte[][] notANumber =
        List.of("5.1", "abc", "1.4", "0.2").stream()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
    return Calls.infer(
        request(row),
        request(Tensor.ofDoubles("input-0", new long[] {2, 5}, new double[10])),
        request(new Tensor("input-0", Datatype.BYTES, new long[] {1, 4}, notANumber)));
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
