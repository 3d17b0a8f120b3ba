package dev.kserve4j.runtime.tensorflow;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.tensorflow.TensorflowSignature.Binding;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * A TensorFlow SavedModel served through one session of its {@code serve} graph, shared by all
 * threads (TensorFlow sessions accept concurrent runs).
 *
 * <p>What clients see, compared with KServe's tensorflow predictor (TF Serving): the signature's
 * input and output keys as tensor names, datatypes from the signature's dtypes (see {@link
 * TensorflowDatatypes}), shapes with -1 for unknown dimensions in metadata and the computed shape
 * in responses. Platform is {@code tensorflow_savedmodel}, as Triton reports it. Inputs are not
 * converted between datatypes. Only the requested outputs are computed when the request names any.
 */
public final class TensorflowModel implements Model {
  private final String name;
  private final SavedModelBundle bundle;
  private final TensorflowSignature signature;
  private final ModelMetadata metadata;
  private final TensorflowRequestValidator validator;

  private TensorflowModel(
      String name, SavedModelBundle bundle, TensorflowSignature signature, ModelMetadata metadata) {
    this.name = name;
    this.bundle = bundle;
    this.signature = signature;
    this.metadata = metadata;
    this.validator = new TensorflowRequestValidator(name, signature);
  }

  /** Loads the SavedModel in {@code dir} with the settings of {@code spec}. */
  static TensorflowModel load(ModelSpec spec, SavedModelDirectory dir, String platform) {
    requireNonNull(spec, "spec");
    TensorflowModelConfig config = TensorflowModelConfig.from(spec);
    SavedModelBundle bundle = null;
    try {
      bundle =
          SavedModelBundle.loader(dir.exportDir().toString())
              .withTags(SavedModelBundle.DEFAULT_TAG)
              .withConfigProto(config.toConfigProto())
              .load();
      TensorflowSignature signature = TensorflowSignature.of(find(bundle, config.signature()));
      if (signature.outputs().isEmpty()) {
        throw new IllegalArgumentException("signature '" + signature.key() + "' has no outputs");
      }
      List<String> versions =
          spec.version() != null
              ? List.of(spec.version())
              : dir.version().map(List::of).orElse(List.of());
      ModelMetadata metadata =
          new ModelMetadata(
              spec.name(),
              versions,
              platform,
              signature.inputMetadata(),
              signature.outputMetadata());
      return new TensorflowModel(spec.name(), bundle, signature, metadata);
    } catch (RuntimeException e) {
      if (bundle != null) {
        bundle.close();
      }
      throw e instanceof ModelLoadException mle
          ? mle
          : ModelLoadException.of(spec.name(), dir.exportDir(), e.getMessage(), e);
    }
  }

  private static Signature find(SavedModelBundle bundle, String key) {
    List<Signature> signatures = bundle.signatures();
    return signatures.stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no signature '"
                        + key
                        + "' (expected one of "
                        + signatures.stream().map(Signature::key).sorted().toList()
                        + ")"));
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public boolean batchable() {
    return signature.batchable();
  }

  @Override
  public InferResponse predict(InferRequest request) {
    Tensor[] inputs = validator.inputs(request.inputs());
    List<Binding> wanted = validator.outputs(request.outputs());
    List<String> fetched = wanted.stream().map(Binding::graphName).distinct().toList();
    List<org.tensorflow.Tensor> fed = new ArrayList<>(inputs.length);
    try {
      Session.Runner runner = bundle.session().runner();
      for (int i = 0; i < inputs.length; i++) {
        org.tensorflow.Tensor tensor = TensorflowTensorCodec.toTensorflow(inputs[i]);
        fed.add(tensor);
        runner.feed(signature.inputs().get(i).graphName(), tensor);
      }
      fetched.forEach(runner::fetch);
      try (Result result = runner.run()) {
        List<Tensor> outputs = new ArrayList<>(wanted.size());
        for (Binding output : wanted) {
          outputs.add(
              TensorflowTensorCodec.fromTensorflow(
                  output.name(),
                  output.metadata().datatype(),
                  result.get(fetched.indexOf(output.graphName()))));
        }
        return InferResponse.of(name, outputs);
      }
    } catch (TFInvalidArgumentException e) {
      throw KServeException.invalidInput(
          "model '" + name + "': TensorFlow rejected the inputs: " + e.getMessage());
    } catch (KServeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw KServeException.modelFailure(
          "model '" + name + "': TensorFlow failed: " + e.getMessage(), e);
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  @Override
  public void close() {
    bundle.close();
  }
}
