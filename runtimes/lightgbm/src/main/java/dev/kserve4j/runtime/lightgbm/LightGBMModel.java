package dev.kserve4j.runtime.lightgbm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import java.io.IOException;
import java.util.List;

/**
 * A loaded LightGBM booster answering as KServe's lgbserver does.
 *
 * <p>lgbserver returns {@code Booster.predict} on the first input as one output named {@code
 * output-0} with numpy's dtype (float64, hence FP64): shape {@code [n, k]} with the class
 * probabilities for {@code multiclass} objectives of k classes, {@code [n]} otherwise (the
 * probability of class 1 for {@code binary}, the value for regression). A rank-1 input is one row
 * and gives {@code [1]} or {@code [1, k]}.
 */
final class LightGBMModel implements Model {
  static final String PLATFORM = "lightgbm";
  static final String INPUT = "input-0";
  static final String OUTPUT = "output-0";

  private final String name;
  private final NativeBooster booster;
  private final ModelMetadata metadata;

  LightGBMModel(String name, String version, NativeBooster booster) {
    this.name = requireNonNull(name, "name");
    this.booster = requireNonNull(booster, "booster");
    this.metadata =
        new ModelMetadata(
            name,
            version == null ? List.of() : List.of(version),
            PLATFORM,
            List.of(new TensorMetadata(INPUT, Datatype.FP64, new long[] {-1, booster.features()})),
            List.of(new TensorMetadata(OUTPUT, Datatype.FP64, outputShape(-1))));
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    FeatureRows rows = FeatureRows.of(request, booster.features());
    double[] out;
    try {
      out = rows.rows() == 0 ? new double[0] : booster.predict(rows.values(), rows.rows());
    } catch (IOException e) {
      throw KServeException.modelFailure(
          "model '" + name + "': LightGBM prediction failed: " + e.getMessage(), e);
    }
    Tensor output = Tensor.ofDoubles(OUTPUT, outputShape(rows.rows()), out);
    return InferResponse.of(name, List.of(output));
  }

  private long[] outputShape(long rows) {
    int width = booster.width();
    return width == 1 ? new long[] {rows} : new long[] {rows, width};
  }

  @Override
  public void close() {
    booster.close();
  }
}
