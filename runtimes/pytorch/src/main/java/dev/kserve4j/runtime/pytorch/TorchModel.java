package dev.kserve4j.runtime.pytorch;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript model run by libtorch through DJL, shared by all threads: {@code forward} of a
 * loaded TorchScript module may be called concurrently, and every call owns its tensors.
 *
 * <p>Each {@link #predict} opens a child {@link PtNDManager} that owns the input and output tensors
 * of that call and closes it before returning, so native memory does not grow with the number of
 * requests. The module runs without autograd (DJL's inference guard) and with its parameters
 * frozen. Platform is {@code pytorch_libtorch}, as Triton reports it; for names, see {@link
 * TorchSignature}.
 */
public final class TorchModel implements Model {
  private final String name;
  private final ai.djl.Model model;
  private final PtSymbolBlock block;
  private final PtNDManager manager;
  private final ModelMetadata metadata;
  private final TorchSignature signature;
  private final TorchInputBinder binder;
  private final TorchOutputReader reader;

  private TorchModel(
      String name, ai.djl.Model model, ModelMetadata metadata, TorchSignature signature) {
    this.name = name;
    this.model = model;
    this.block = (PtSymbolBlock) model.getBlock();
    this.manager = (PtNDManager) model.getNDManager();
    this.metadata = metadata;
    this.signature = signature;
    this.binder = new TorchInputBinder(name, signature);
    this.reader = new TorchOutputReader(name, signature);
  }

  /** Loads {@code file} on the device {@code spec} asks for; fails naming the file and reason. */
  static TorchModel load(ModelSpec spec, Path file, Engine engine, String platform) {
    requireNonNull(spec, "spec");
    TorchDevice device = TorchDevice.from(spec);
    TorchSignature signature = TorchSignature.read(spec.name(), spec.directory(), file);
    Device target = device.resolve(spec.name(), engine);
    ai.djl.Model model = engine.newModel(spec.name(), target);
    try {
      // mapLocation: tensors saved on another device (e.g. a GPU) are moved to the target one.
      model.load(file, null, Map.of("mapLocation", "true"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw ModelLoadException.of(
          spec.name(),
          file,
          firstLine(e.getMessage()) + " (expected a TorchScript archive written by torch.jit.save)",
          e);
    }
    List<String> versions = spec.version() == null ? List.of() : List.of(spec.version());
    ModelMetadata metadata =
        new ModelMetadata(spec.name(), versions, platform, signature.inputs(), signature.outputs());
    return new TorchModel(spec.name(), model, metadata, signature);
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /** True only when {@code metadata.json} declares a dynamic first dimension everywhere. */
  @Override
  public boolean batchable() {
    return signature.batchable();
  }

  @Override
  public InferResponse predict(InferRequest request) {
    Tensor[] inputs = binder.bind(request.inputs());
    try (PtNDManager scope = (PtNDManager) manager.newSubManager()) {
      IValue[] arguments = new IValue[inputs.length];
      try {
        for (int i = 0; i < inputs.length; i++) {
          arguments[i] = IValue.from(TorchTensorCodec.toTorch(scope, inputs[i]));
        }
        try (IValue result = block.forward(arguments)) {
          return InferResponse.of(name, reader.read(result, scope));
        }
      } catch (EngineException e) {
        throw failure(e);
      } finally {
        for (IValue argument : arguments) {
          if (argument != null) {
            argument.close();
          }
        }
      }
    }
  }

  /**
   * A libtorch error. When inputs were checked against {@code metadata.json}, it is the model's
   * failure; when nothing was declared, libtorch was the first to see the shapes and types, so the
   * likely cause is the request and it is reported as invalid input.
   */
  private KServeException failure(EngineException e) {
    String reason = summary(e.getMessage());
    if (signature.declared()) {
      return KServeException.modelFailure("model '" + name + "': PyTorch failed: " + reason, e);
    }
    return KServeException.invalidInput(
        "model '"
            + name
            + "': PyTorch rejected the inputs: "
            + reason
            + " (the model declares no inputs in "
            + TorchSignature.FILE
            + ", so they could not be checked beforehand)");
  }

  /**
   * The line of a libtorch message that states the error: errors raised inside TorchScript come
   * with the interpreter's traceback, ending in e.g. {@code RuntimeError: mat1 and mat2 shapes
   * cannot be multiplied (1x5 and 4x8)}.
   */
  static String summary(String message) {
    if (message == null) {
      return "no message";
    }
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).matches("^[A-Za-z.]*Error: .*")) {
        return lines.get(i);
      }
    }
    return lines.isEmpty() ? "no message" : lines.get(0);
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
  }

  /** Tensors still owned by the model's manager (its parameters); requests must leave none. */
  int managedArrays() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    model.close();
  }
}
