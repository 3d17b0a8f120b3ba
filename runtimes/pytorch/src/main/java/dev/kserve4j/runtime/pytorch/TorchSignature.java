package dev.kserve4j.runtime.pytorch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs and outputs of a TorchScript model. A TorchScript archive names neither, so they are
 * either declared in {@code metadata.json} next to the model or follow the convention of Triton's
 * PyTorch backend.
 *
 * <p>{@code metadata.json} holds the {@code inputs} and {@code outputs} lists of the Open Inference
 * Protocol's model metadata response ({@code {"name", "datatype", "shape"}}, -1 for a dynamic
 * dimension). Inputs are passed to {@code forward} in the listed order; outputs name the elements
 * of the tuple (or list) {@code forward} returns, in order, or its single tensor.
 *
 * <p>Without the file the model is positional: its inputs are {@code INPUT__0}, {@code INPUT__1},
 * ... (the parameters of {@code forward}, counted from the archive by {@link TorchScriptForward})
 * and its outputs come back as {@code OUTPUT__0}, .... Metadata lists those inputs so that what it
 * declares is what the model accepts; TorchScript states no element type or shape, so each is
 * declared FP32 (torch's default dtype, what V1 instances become) with shape {@code [-1]} (rank and
 * sizes unknown), and any supported datatype and shape is accepted. A model whose only input is
 * {@code INPUT__0} takes its one tensor under any name, as KServe's servers do. When the archive's
 * parameters cannot be read, metadata lists no inputs and requests name them by position.
 *
 * @param inputs the declared inputs; the positional ones when undeclared, or empty when unknown
 * @param outputs the declared outputs, empty when undeclared
 * @param declared whether {@code metadata.json} was present
 * @param required how many leading inputs must be given (the others have defaults in forward)
 */
record TorchSignature(
    List<TensorMetadata> inputs, List<TensorMetadata> outputs, boolean declared, int required) {
  static final String FILE = "metadata.json";
  static final String INPUT_PREFIX = "INPUT__";
  static final String OUTPUT_PREFIX = "OUTPUT__";

  /** The datatype declared for an input TorchScript gives no type: torch's default dtype. */
  static final Datatype POSITIONAL_DATATYPE = Datatype.FP32;

  TorchSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  TorchSignature(List<TensorMetadata> inputs, List<TensorMetadata> outputs, boolean declared) {
    this(inputs, outputs, declared, inputs.size());
  }

  static final TorchSignature UNDECLARED = new TorchSignature(List.of(), List.of(), false);

  /** The positional inputs of {@code forward}'s parameters. */
  static TorchSignature positional(TorchScriptForward forward) {
    List<TensorMetadata> inputs = new ArrayList<>();
    for (int i = 0; i < forward.parameters().size(); i++) {
      inputs.add(new TensorMetadata(INPUT_PREFIX + i, POSITIONAL_DATATYPE, new long[] {-1}));
    }
    return new TorchSignature(inputs, List.of(), false, forward.required());
  }

  /** Whether inputs are named by position and their number is known. */
  boolean positional() {
    return !declared && !inputs.isEmpty();
  }

  /**
   * Reads {@code metadata.json} from {@code directory}; without it, the positional inputs of {@code
   * archive}'s {@code forward}, or the bare convention when they cannot be read.
   */
  static TorchSignature read(String model, Path directory, Path archive) {
    if (Files.isRegularFile(directory.resolve(FILE))) {
      return read(model, directory);
    }
    return TorchScriptForward.read(archive)
        .filter(f -> !f.parameters().isEmpty())
        .map(TorchSignature::positional)
        .orElse(UNDECLARED);
  }

  /** Reads {@code metadata.json} from {@code directory}, or the convention when it is absent. */
  private static TorchSignature read(String model, Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return UNDECLARED;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw ModelLoadException.of(model, file, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw ModelLoadException.of(model, file, "unreadable: " + e.getMessage(), e);
    }
    List<TensorMetadata> inputs = tensors(model, file, root, "inputs");
    List<TensorMetadata> outputs = tensors(model, file, root, "outputs");
    if (outputs.isEmpty()) {
      throw ModelLoadException.of(
          model, file, "\"outputs\" is empty (expected at least one)", null);
    }
    return new TorchSignature(inputs, outputs, true);
  }

  private static List<TensorMetadata> tensors(String model, Path file, JsonNode root, String key) {
    JsonNode list = root == null ? null : root.get(key);
    if (list == null || !list.isArray()) {
      throw ModelLoadException.of(
          model,
          file,
          "\""
              + key
              + "\" is missing or not a list"
              + " (expected [{\"name\": ..., \"datatype\": ..., \"shape\": [...]}, ...])",
          null);
    }
    List<TensorMetadata> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = key + "[" + i + "]";
      JsonNode entry = list.get(i);
      String name = entry.path("name").asText("");
      if (name.isEmpty() || !names.add(name)) {
        throw ModelLoadException.of(
            model,
            file,
            where + ": name '" + name + "' (expected a non-empty name used once)",
            null);
      }
      Datatype datatype = datatype(model, file, where, entry.path("datatype").asText(""));
      out.add(new TensorMetadata(name, datatype, shape(model, file, where, entry.get("shape"))));
    }
    return out;
  }

  private static Datatype datatype(String model, Path file, String where, String text) {
    for (Datatype d : Datatype.values()) {
      if (d.name().equals(text) && TorchTensorCodec.supports(d)) {
        return d;
      }
    }
    throw ModelLoadException.of(
        model,
        file,
        where + ": datatype '" + text + "' (expected one of " + TorchTensorCodec.SUPPORTED + ")",
        null);
  }

  private static long[] shape(String model, Path file, String where, JsonNode dims) {
    if (dims == null || !dims.isArray()) {
      throw ModelLoadException.of(
          model,
          file,
          where + ": shape is missing (expected a list of" + " dimensions, -1 for a dynamic one)",
          null);
    }
    long[] shape = new long[dims.size()];
    for (int d = 0; d < shape.length; d++) {
      JsonNode dim = dims.get(d);
      if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < -1) {
        throw ModelLoadException.of(
            model,
            file,
            where
                + ": shape dimension "
                + d
                + " is "
                + dim
                + " (expected an integer >= 0, or -1 for a dynamic dimension)",
            null);
      }
      shape[d] = dim.asLong();
    }
    return shape;
  }

  /**
   * Whether requests may be concatenated along dimension 0: only when every declared input and
   * output has a dynamic first dimension. An undeclared model gives no such promise.
   */
  boolean batchable() {
    return declared
        && !inputs.isEmpty()
        && inputs.stream().allMatch(TorchSignature::dynamicBatch)
        && outputs.stream().allMatch(TorchSignature::dynamicBatch);
  }

  private static boolean dynamicBatch(TensorMetadata t) {
    return t.shape().length > 0 && t.shape()[0] == -1;
  }
}
