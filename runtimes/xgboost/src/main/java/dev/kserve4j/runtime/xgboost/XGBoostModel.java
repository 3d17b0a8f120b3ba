package dev.kserve4j.runtime.xgboost;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import java.util.List;

/**
 * A loaded XGBoost booster answering as KServe's xgbserver does.
 *
 * <p>xgbserver builds a {@code DMatrix} from the first input and returns {@code Booster.predict} as
 * one output named {@code output-0} with numpy's dtype (float32, hence FP32). Its shape follows the
 * objective: {@code [n]} for one value per row ({@code multi:softmax}: the class id as a float;
 * {@code binary:logistic}: the probability of class 1; {@code reg:*}: the value) and {@code [n, k]}
 * for several ({@code multi:softprob}: the probabilities of the k classes; multi-target regression:
 * the k targets). A rank-1 input is one row and gives {@code [1]} or {@code [1, k]}.
 */
final class XGBoostModel implements Model {
  static final String PLATFORM = "xgboost";
  static final String INPUT = "input-0";
  static final String OUTPUT = "output-0";

  private final String name;
  private final TreePredictor predictor;
  private final int features;
  private final int width;
  private final ModelMetadata metadata;

  /**
   * @param width values per row that {@code predictor} returns
   */
  XGBoostModel(String name, String version, TreePredictor predictor, int features, int width) {
    this.name = requireNonNull(name, "name");
    this.predictor = requireNonNull(predictor, "predictor");
    this.features = features;
    this.width = width;
    this.metadata =
        new ModelMetadata(
            name,
            version == null ? List.of() : List.of(version),
            PLATFORM,
            List.of(new TensorMetadata(INPUT, Datatype.FP32, new long[] {-1, features})),
            List.of(new TensorMetadata(OUTPUT, Datatype.FP32, outputShape(-1))));
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    FeatureRows rows = FeatureRows.of(request, features);
    float[] out =
        rows.rows() == 0
            ? new float[0]
            : predictor.predict(rows.values(), rows.rows(), rows.columns());
    Tensor output = Tensor.ofFloats(OUTPUT, outputShape(rows.rows()), out);
    return InferResponse.of(name, List.of(output));
  }

  /** Which predictor serves this model: {@code java} or {@code xgboost4j}. */
  String predictorKind() {
    return predictor.kind();
  }

  private long[] outputShape(long rows) {
    return width == 1 ? new long[] {rows} : new long[] {rows, width};
  }

  @Override
  public void close() {
    predictor.close();
  }
}
