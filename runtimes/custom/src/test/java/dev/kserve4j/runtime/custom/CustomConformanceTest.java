package dev.kserve4j.runtime.custom;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The runtime contract on a user model from the server's own class path. */
class CustomConformanceTest extends RuntimeConformance {

  /** Doubles {@code x} (FP64, any shape); anything else is refused as a bad request. */
  public static class Doubler extends CustomModel {
    private String name;

    @Override
    public void load(ModelSpec spec) {
      name = spec.name();
    }

    @Override
    public InferRequest preprocess(InferRequest request) {
      if (request.inputs().size() != 1
          || !request.inputs().get(0).name().equals("x")
          || request.inputs().get(0).datatype() != Datatype.FP64) {
        throw KServeException.invalidInput(
            "inputs "
                + request.inputs().stream().map(t -> t.name() + " " + t.datatype()).toList()
                + " (expected one input 'x' FP64)");
      }
      return request;
    }

    @Override
    public InferResponse predict(InferRequest request) {
      Tensor x = request.inputs().get(0);
      double[] y = Arrays.stream(x.doubles()).map(v -> 2 * v).toArray();
      return InferResponse.of(name, List.of(Tensor.ofDoubles("y", x.shape(), y)));
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata(
          name,
          List.of(),
          "custom",
          List.of(new TensorMetadata("x", Datatype.FP64, new long[] {-1})),
          List.of(new TensorMetadata("y", Datatype.FP64, new long[] {-1})));
    }
  }

  @Override
  protected String format() {
    return "custom";
  }

  @Override
  protected Path fixture() {
    return scratch();
  }

  @Override
  protected Map<String, String> options() {
    return Map.of(CustomRuntimeProvider.MODEL_CLASS, Doubler.class.getName());
  }

  /** A custom model is named by its class, never detected from files. */
  @Override
  protected boolean detectsItsFiles() {
    return false;
  }

  @Override
  protected Calls calls() {
    return Calls.infer(
        request(Tensor.ofDoubles("x", new long[] {2}, new double[] {1, 2})),
        request(Tensor.ofDoubles("z", new long[] {2}, new double[] {1, 2})),
        request(Tensor.ofFloats("x", new long[] {2}, new float[] {1, 2})),
        request());
  }

  private static InferRequest request(Tensor... inputs) {
    return InferRequest.of(MODEL, inputs);
  }
}
