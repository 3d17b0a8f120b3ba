package dev.kserve4j.runtime.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ONNX model served through one ONNX Runtime session, shared by all threads (sessions are safe
 * for concurrent {@code run} calls).
 *
 * <p>What clients see, compared with KServe serving the same file with Triton's ONNX Runtime
 * backend: the same input and output names, in graph order; the same datatypes ({@code float} is
 * FP32, {@code string} is BYTES, see {@link OnnxDatatypes}); the same shapes, with -1 for every
 * symbolic or unknown dimension in metadata and the actual computed shape in responses. Platform is
 * {@code onnxruntime_onnx}, as Triton reports it. Differences: inputs are not converted between
 * datatypes (Triton refuses those too), and graph outputs that are not tensors (e.g. the
 * sequence-of-maps {@code ZipMap} output of converted scikit-learn classifiers) are left out of
 * metadata and never computed, where Triton refuses to load such a model.
 */
public final class OnnxModel implements Model {
  private final String name;
  private final OrtSession session;
  private final SessionOptions options;
  private final ModelMetadata metadata;
  private final OnnxInputValidator validator;
  private final OnnxTensorCodec codec;
  private final Set<String> outputNames;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxModel(
      String name, OrtSession session, SessionOptions options, ModelMetadata metadata) {
    this.name = name;
    this.session = session;
    this.options = options;
    this.metadata = metadata;
    this.validator = new OnnxInputValidator(name, metadata.inputs());
    this.codec = new OnnxTensorCodec(OrtEnvironment.getEnvironment());
    this.outputNames = new LinkedHashSet<>();
    metadata.outputs().forEach(o -> outputNames.add(o.name()));
  }

  /** Opens {@code file} with the settings of {@code spec}; fails naming the file and the reason. */
  static OnnxModel load(ModelSpec spec, Path file, String platform) {
    requireNonNull(spec, "spec");
    OnnxSessionConfig config = OnnxSessionConfig.from(spec);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    SessionOptions options = null;
    OrtSession session = null;
    try {
      options = config.toSessionOptions(spec.name());
      session = env.createSession(file.toString(), options);
      List<TensorMetadata> inputs = describe(spec.name(), file, "input", session.getInputInfo());
      List<TensorMetadata> outputs = describe(spec.name(), file, "output", session.getOutputInfo());
      if (outputs.isEmpty()) {
        throw ModelLoadException.of(spec.name(), file, "the graph has no tensor outputs", null);
      }
      List<String> versions = spec.version() == null ? List.of() : List.of(spec.version());
      ModelMetadata metadata = new ModelMetadata(spec.name(), versions, platform, inputs, outputs);
      return new OnnxModel(spec.name(), session, options, metadata);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session, options);
      if (e instanceof ModelLoadException mle) {
        throw mle;
      }
      throw ModelLoadException.of(spec.name(), file, e.getMessage(), e);
    }
  }

  private static List<TensorMetadata> describe(
      String model, Path file, String role, Map<String, NodeInfo> nodes) {
    List<TensorMetadata> out = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof TensorInfo info)) {
        if (role.equals("input")) {
          throw ModelLoadException.of(
              model,
              file,
              "input '" + node.getName() + "' is " + node.getInfo() + " (expected a tensor)",
              null);
        }
        continue;
      }
      var datatype =
          OnnxDatatypes.of(info.onnxType)
              .orElseThrow(
                  () ->
                      ModelLoadException.of(
                          model,
                          file,
                          role
                              + " '"
                              + node.getName()
                              + "' has element type "
                              + info.onnxType
                              + ", which has no Open Inference Protocol datatype",
                          null));
      if (role.equals("input") && !OnnxDatatypes.canCreate(datatype)) {
        throw ModelLoadException.of(
            model,
            file,
            "input '"
                + node.getName()
                + "' has type "
                + datatype
                + ", which ONNX Runtime's Java API cannot create",
            null);
      }
      out.add(new TensorMetadata(node.getName(), datatype, info.getShape()));
    }
    return out;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    Tensor[] inputs = validator.validate(request.inputs());
    Map<String, OnnxTensor> feed = new HashMap<>(inputs.length * 2);
    try {
      for (Tensor input : inputs) {
        feed.put(input.name(), codec.toOnnx(input));
      }
      try (OrtSession.Result result = session.run(feed, outputNames)) {
        List<Tensor> outputs = new ArrayList<>(metadata.outputs().size());
        for (TensorMetadata output : metadata.outputs()) {
          OnnxValue value = result.get(output.name()).orElseThrow();
          outputs.add(codec.fromOnnx(output.name(), output.datatype(), (OnnxTensor) value));
        }
        return InferResponse.of(name, outputs);
      }
    } catch (OrtException e) {
      throw KServeException.modelFailure(
          "model '" + name + "': ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** Releases the session; a second call does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(session, options);
    }
  }

  private static void closeQuietly(OrtSession session, SessionOptions options) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      // Closing releases native memory only; there is nothing the caller could do about it.
    } finally {
      if (options != null) {
        options.close();
      }
    }
  }
}
