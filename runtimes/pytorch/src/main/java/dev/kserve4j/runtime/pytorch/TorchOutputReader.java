package dev.kserve4j.runtime.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what {@code forward} returned into named output tensors.
 *
 * <p>Accepted results: one tensor; a tuple or list of tensors (element {@code i} is output {@code
 * i}); a {@code Dict[str, Tensor]} (keys are the output names, in sorted order when undeclared).
 * Names come from {@link TorchSignature}: the declared outputs in order (for a dict, looked up by
 * name), else {@code OUTPUT__<i>} (for a dict, its keys). A result of another form, another count,
 * or a datatype other than the declared one is a model failure.
 */
final class TorchOutputReader {
  private final String model;
  private final TorchSignature signature;

  TorchOutputReader(String model, TorchSignature signature) {
    this.model = model;
    this.signature = signature;
  }

  /** Reads {@code result}; tensors are attached to {@code manager}, element values are closed. */
  List<Tensor> read(IValue result, PtNDManager manager) {
    if (result.isTensor()) {
      return named(List.of(result.toTensor(manager)), null);
    }
    if (result.isTuple() || result.isList()) {
      IValue[] elements = result.isTuple() ? result.toIValueTuple() : result.toIValueArray();
      try {
        List<PtNDArray> arrays = new ArrayList<>(elements.length);
        for (int i = 0; i < elements.length; i++) {
          arrays.add(tensor(elements[i], "element " + i, manager));
        }
        return named(arrays, null);
      } finally {
        closeAll(elements);
      }
    }
    if (result.isMap()) {
      Map<String, IValue> entries = result.toIValueMap();
      try {
        List<PtNDArray> arrays = new ArrayList<>(entries.size());
        List<String> keys = new ArrayList<>(new java.util.TreeSet<>(entries.keySet()));
        for (String key : keys) {
          arrays.add(tensor(entries.get(key), "entry '" + key + "'", manager));
        }
        return named(arrays, keys);
      } finally {
        closeAll(entries.values().toArray(IValue[]::new));
      }
    }
    throw failure(
        "forward() returned "
            + result.getType()
            + " (expected a tensor, a tuple or list of tensors, or Dict[str, Tensor])");
  }

  private PtNDArray tensor(IValue value, String where, PtNDManager manager) {
    if (!value.isTensor()) {
      throw failure(
          "forward() returned a " + value.getType() + " as " + where + " (expected tensors only)");
    }
    return value.toTensor(manager);
  }

  private List<Tensor> named(List<PtNDArray> arrays, List<String> keys) {
    List<TensorMetadata> declared = signature.outputs();
    if (signature.declared() && keys == null && arrays.size() != declared.size()) {
      throw failure(
          "forward() returned "
              + arrays.size()
              + " tensors but "
              + TorchSignature.FILE
              + " declares "
              + declared.size()
              + " outputs "
              + declared.stream().map(TensorMetadata::name).toList());
    }
    List<Tensor> out = new ArrayList<>(arrays.size());
    for (int i = 0; i < arrays.size(); i++) {
      String name =
          keys != null
              ? keys.get(i)
              : signature.declared() ? declared.get(i).name() : TorchSignature.OUTPUT_PREFIX + i;
      out.add(convert(name, arrays.get(i)));
    }
    if (signature.declared()) {
      return declaredOrder(out);
    }
    return out;
  }

  private Tensor convert(String name, PtNDArray array) {
    Datatype datatype =
        TorchTensorCodec.fromDjl(array.getDataType())
            .orElseThrow(
                () ->
                    failure(
                        "output '"
                            + name
                            + "' has libtorch type "
                            + array.getDataType()
                            + ", which has no Open Inference Protocol datatype here (expected one"
                            + " of "
                            + TorchTensorCodec.SUPPORTED
                            + ")"));
    return TorchTensorCodec.fromTorch(name, datatype, array);
  }

  /** The declared outputs in declared order, each checked for its datatype. */
  private List<Tensor> declaredOrder(List<Tensor> produced) {
    List<Tensor> out = new ArrayList<>(signature.outputs().size());
    for (TensorMetadata want : signature.outputs()) {
      Tensor got =
          produced.stream()
              .filter(t -> t.name().equals(want.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      failure(
                          "forward() returned no output '"
                              + want.name()
                              + "' declared in "
                              + TorchSignature.FILE
                              + " (it returned "
                              + produced.stream().map(Tensor::name).toList()
                              + ")"));
      if (got.datatype() != want.datatype()) {
        throw failure(
            "output '"
                + want.name()
                + "' is "
                + got.datatype()
                + " but "
                + TorchSignature.FILE
                + " declares "
                + want.datatype());
      }
      out.add(got);
    }
    return out;
  }

  private KServeException failure(String message) {
    return KServeException.modelFailure("model '" + model + "': " + message, null);
  }

  private static void closeAll(IValue[] values) {
    for (IValue v : values) {
      v.close();
    }
  }
}
