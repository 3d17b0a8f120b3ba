package dev.kserve4j.cli;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java transformer in front of the iris classifier, served by {@link JavaTransformerServeIT}
 * through {@code serve --model-class}: preprocess turns rows measured in millimetres into the
 * classifier's {@code float_input} in centimetres (a negative length fails it), postprocess puts a
 * BYTES output {@code class} naming each predicted class first, before the predictor's outputs.
 *
 * <p>Its declared output is the predictor's {@code label}: a V1 predictor's {@code predictions} are
 * read as that tensor for postprocess.
 */
public final class TestingIrisTransformer extends CustomModel {
  static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

  @Override
  public void load(ModelSpec spec) {}

  @Override
  public InferRequest preprocess(InferRequest request) {
    Tensor mm = request.inputs().get(0);
    float[] x = mm.toFloatArray();
    float[] cm = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        throw new IllegalArgumentException(
            "input 'mm': " + x[i] + " at " + i + " (expected lengths of at least 0 mm)");
      }
      cm[i] = x[i] / 10;
    }
    return request.withInputs(
        List.of(Tensor.ofFloats("float_input", new long[] {x.length / 4, 4}, cm)));
  }

  @Override
  public InferResponse predict(InferRequest request) {
    throw new IllegalStateException("a transformer's predict is not called");
  }

  @Override
  public InferResponse postprocess(InferResponse response, InferRequest request) {
    Tensor label = response.output("label").orElseThrow();
    byte[][] names = new byte[label.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = CLASSES.get((int) label.getAsDouble(i)).getBytes(StandardCharsets.UTF_8);
    }
    List<Tensor> outputs = new ArrayList<>();
    outputs.add(new Tensor("class", Datatype.BYTES, new long[] {names.length}, names));
    outputs.addAll(response.outputs());
    return response.withOutputs(outputs);
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "iris-transformer",
        List.of(),
        "custom",
        List.of(new TensorMetadata("mm", Datatype.FP32, new long[] {-1, 4})),
        List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
  }
}
