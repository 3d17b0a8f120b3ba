package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The predictor of an InferenceService ({@code spec.predictor}): one framework shortcut, the
 * generic {@link ModelSpec}, or custom containers, plus the component fields of {@link
 * ComponentSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PredictorSpec extends ComponentSpec {
  /**
   * The fields of which a predictor sets exactly one, named as in the document (KServe's {@code
   * PredictorSpec.GetImplementations()}): the framework shortcuts, {@code model} and {@code
   * containers}.
   */
  public static final List<String> IMPLEMENTATION_FIELDS =
      List.of(
          "sklearn",
          "xgboost",
          "tensorflow",
          "pytorch",
          "triton",
          "onnx",
          "huggingface",
          "pmml",
          "lightgbm",
          "paddle",
          "model",
          "containers");

  @JsonProperty("name")
  private String name;

  @JsonProperty("sklearn")
  private PredictorExtensionSpec sklearn;

  @JsonProperty("xgboost")
  private PredictorExtensionSpec xgboost;

  @JsonProperty("tensorflow")
  private PredictorExtensionSpec tensorflow;

  @JsonProperty("pytorch")
  private PredictorExtensionSpec pytorch;

  @JsonProperty("triton")
  private PredictorExtensionSpec triton;

  @JsonProperty("onnx")
  private PredictorExtensionSpec onnx;

  @JsonProperty("huggingface")
  private PredictorExtensionSpec huggingface;

  @JsonProperty("pmml")
  private PredictorExtensionSpec pmml;

  @JsonProperty("lightgbm")
  private PredictorExtensionSpec lightgbm;

  @JsonProperty("paddle")
  private PredictorExtensionSpec paddle;

  @JsonProperty("model")
  private ModelSpec model;

  @JsonProperty("storageContainerName")
  private String storageContainerName;

  @JsonProperty("workerSpec")
  private WorkerSpec workerSpec;

  /**
   * The variant's name; when set, its Deployment is {@code {isvc}-{name}-predictor}; required in a
   * canary.
   */
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** A scikit-learn model. */
  public PredictorExtensionSpec getSklearn() {
    return sklearn;
  }

  public void setSklearn(PredictorExtensionSpec sklearn) {
    this.sklearn = sklearn;
  }

  /** An XGBoost model. */
  public PredictorExtensionSpec getXgboost() {
    return xgboost;
  }

  public void setXgboost(PredictorExtensionSpec xgboost) {
    this.xgboost = xgboost;
  }

  /** A TensorFlow SavedModel (TF Serving). */
  public PredictorExtensionSpec getTensorflow() {
    return tensorflow;
  }

  public void setTensorflow(PredictorExtensionSpec tensorflow) {
    this.tensorflow = tensorflow;
  }

  /** A PyTorch model (TorchServe). */
  public PredictorExtensionSpec getPytorch() {
    return pytorch;
  }

  public void setPytorch(PredictorExtensionSpec pytorch) {
    this.pytorch = pytorch;
  }

  /** A model for Triton Inference Server. */
  public PredictorExtensionSpec getTriton() {
    return triton;
  }

  public void setTriton(PredictorExtensionSpec triton) {
    this.triton = triton;
  }

  /** An ONNX model. */
  public PredictorExtensionSpec getOnnx() {
    return onnx;
  }

  public void setOnnx(PredictorExtensionSpec onnx) {
    this.onnx = onnx;
  }

  /** A Hugging Face model. */
  public PredictorExtensionSpec getHuggingface() {
    return huggingface;
  }

  public void setHuggingface(PredictorExtensionSpec huggingface) {
    this.huggingface = huggingface;
  }

  /** A PMML model. */
  public PredictorExtensionSpec getPmml() {
    return pmml;
  }

  public void setPmml(PredictorExtensionSpec pmml) {
    this.pmml = pmml;
  }

  /** A LightGBM model. */
  public PredictorExtensionSpec getLightgbm() {
    return lightgbm;
  }

  public void setLightgbm(PredictorExtensionSpec lightgbm) {
    this.lightgbm = lightgbm;
  }

  /** A PaddlePaddle model. */
  public PredictorExtensionSpec getPaddle() {
    return paddle;
  }

  public void setPaddle(PredictorExtensionSpec paddle) {
    this.paddle = paddle;
  }

  /** A model of any format, served by a matching runtime. */
  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  /** The ClusterStorageContainer that downloads the model, instead of matching by URI scheme. */
  public String getStorageContainerName() {
    return storageContainerName;
  }

  public void setStorageContainerName(String storageContainerName) {
    this.storageContainerName = storageContainerName;
  }

  /** Worker pods for multi-node, multi-GPU serving. */
  public WorkerSpec getWorkerSpec() {
    return workerSpec;
  }

  public void setWorkerSpec(WorkerSpec workerSpec) {
    this.workerSpec = workerSpec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PredictorSpec that
        && super.equals(o)
        && Objects.equals(name, that.name)
        && Objects.equals(sklearn, that.sklearn)
        && Objects.equals(xgboost, that.xgboost)
        && Objects.equals(tensorflow, that.tensorflow)
        && Objects.equals(pytorch, that.pytorch)
        && Objects.equals(triton, that.triton)
        && Objects.equals(onnx, that.onnx)
        && Objects.equals(huggingface, that.huggingface)
        && Objects.equals(pmml, that.pmml)
        && Objects.equals(lightgbm, that.lightgbm)
        && Objects.equals(paddle, that.paddle)
        && Objects.equals(model, that.model)
        && Objects.equals(storageContainerName, that.storageContainerName)
        && Objects.equals(workerSpec, that.workerSpec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(),
        name,
        sklearn,
        xgboost,
        tensorflow,
        pytorch,
        triton,
        onnx,
        huggingface,
        pmml,
        lightgbm,
        paddle,
        model,
        storageContainerName,
        workerSpec);
  }
}
