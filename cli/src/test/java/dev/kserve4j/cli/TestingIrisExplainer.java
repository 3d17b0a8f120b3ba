package dev.kserve4j.cli;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.Predictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Java explainer of the iris classifier, served by {@link JavaTransformerServeIT} through {@code
 * serve --model-class --predictor_host}: for each row it asks the predictor for the row and for the
 * row with each feature set to zero, and names the features whose zeroing changes the class.
 */
public final class TestingIrisExplainer extends CustomModel {
  static final List<String> FEATURES =
      List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

  /** One row's explanation. */
  public record Explanation(long prediction, List<String> decisiveFeatures) {}

  @Override
  public void load(ModelSpec spec) {}

  @Override
  public InferResponse predict(InferRequest request) {
    throw new UnsupportedOperationException("this explainer predicts through its predictor only");
  }

  @Override
  public Object explain(InferRequest request, Map<String, String> headers, Predictor predictor) {
    float[] x = request.inputs().get(0).toFloatArray();
    List<Explanation> explanations = new ArrayList<>();
    for (int r = 0; r < x.length / 4; r++) {
      float[] row = Arrays.copyOfRange(x, r * 4, r * 4 + 4);
      long base = label(predictor, request, row);
      List<String> decisive = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        float[] zeroed = row.clone();
        zeroed[i] = 0;
        if (label(predictor, request, zeroed) != base) {
          decisive.add(FEATURES.get(i));
        }
      }
      explanations.add(new Explanation(base, decisive));
    }
    return Map.of("explanations", explanations);
  }

  private static long label(Predictor predictor, InferRequest request, float[] row) {
    Tensor one = Tensor.ofFloats("float_input", new long[] {1, 4}, row);
    InferResponse answer = predictor.predict(request.withInputs(List.of(one)));
    return (long) answer.output("label").orElse(answer.outputs().get(0)).getAsDouble(0);
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "iris-explainer",
        List.of(),
        "custom",
        List.of(new TensorMetadata("float_input", Datatype.FP32, new long[] {-1, 4})),
        List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
  }
}
