package com.acme.temperature;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Flags anomalous temperature readings. Clients send text readings ({@code "21.5C"}, {@code
 * "98.6F"}); {@link #preprocess} parses them and converts them to Celsius, {@link #predict} scores
 * them with a logistic model whose weights come from the model directory, and {@link #postprocess}
 * labels each reading {@code "normal"} or {@code "anomaly"}.
 *
 * <p>Input {@code reading}: BYTES, one UTF-8 reading per row, shape {@code [n]}. Outputs {@code
 * label} (BYTES {@code [n]}) and {@code score} (FP32 {@code [n]}, 0 to 1).
 */
public class TemperatureAnomalyModel extends CustomModel {
  static final String INPUT = "reading";
  static final String CELSIUS = "celsius";

  private AnomalyWeights weights;

  @Override
  public void load(ModelSpec spec) {
    weights = AnomalyWeights.read(spec.directory());
  }

  /** Parses the text readings into a FP64 tensor {@code celsius} of shape {@code [n]}. */
  @Override
  public InferRequest preprocess(InferRequest request) {
    Tensor in =
        request
            .input(INPUT)
            .orElseThrow(
                () ->
                    KServeException.invalidInput(
                        "missing input '"
                            + INPUT
                            + "' (got "
                            + request.inputs().stream().map(Tensor::name).toList()
                            + "; expected one BYTES tensor '"
                            + INPUT
                            + "' of shape [n])"));
    if (in.datatype() != Datatype.BYTES || in.shape().length != 1) {
      throw KServeException.invalidInput(
          "input '"
              + INPUT
              + "': "
              + in.datatype()
              + " "
              + Arrays.toString(in.shape())
              + " (expected BYTES of shape [n], one reading such as \"21.5C\" per row)");
    }
    byte[][] texts = in.bytes();
    double[] celsius = new double[texts.length];
    for (int i = 0; i < texts.length; i++) {
      celsius[i] = Reading.celsius(INPUT, i, new String(texts[i], StandardCharsets.UTF_8));
    }
    return request.withInputs(List.of(Tensor.ofDoubles(CELSIUS, in.shape(), celsius)));
  }

  /** Scores each reading in Celsius; outputs {@code score}. */
  @Override
  public InferResponse predict(InferRequest request) {
    Tensor celsius = request.input(CELSIUS).orElseThrow();
    float[] scores = new float[celsius.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (float) weights.score(celsius.doubles()[i]);
    }
    return InferResponse.of(
        request.modelName(), List.of(Tensor.ofFloats("score", celsius.shape(), scores)));
  }

  /** Adds the {@code label} of each score, first so that V1 clients get the labels. */
  @Override
  public InferResponse postprocess(InferResponse response, InferRequest request) {
    Tensor score = response.output("score").orElseThrow();
    byte[][] labels = new byte[score.size()][];
    for (int i = 0; i < labels.length; i++) {
      String label = score.floats()[i] >= weights.threshold() ? "anomaly" : "normal";
      labels[i] = label.getBytes(StandardCharsets.UTF_8);
    }
    return response.withOutputs(
        List.of(new Tensor("label", Datatype.BYTES, score.shape(), labels), score));
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "temperature-anomaly",
        List.of(),
        "custom",
        List.of(new TensorMetadata(INPUT, Datatype.BYTES, new long[] {-1})),
        List.of(
            new TensorMetadata("label", Datatype.BYTES, new long[] {-1}),
            new TensorMetadata("score", Datatype.FP32, new long[] {-1})));
  }

  /** Every step treats rows independently, so requests may be batched. */
  @Override
  public boolean batchable() {
    return true;
  }
}
