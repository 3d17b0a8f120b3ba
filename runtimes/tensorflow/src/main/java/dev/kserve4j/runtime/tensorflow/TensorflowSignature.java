package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Signature;
import org.tensorflow.Signature.TensorDescription;
import org.tensorflow.ndarray.Shape;

/**
 * One SignatureDef of a SavedModel as the Open Inference Protocol sees it: the signature's input
 * and output keys are the tensor names clients use (as with TF Serving's predict API), each bound
 * to a graph tensor such as {@code x:0}.
 *
 * <p>Tensors are listed sorted by key, because a SignatureDef's maps carry no order. Unknown
 * dimensions are -1; a tensor of unknown rank is reported as {@code [-1]} and accepts any shape.
 *
 * @param key the signature key, e.g. {@code serving_default}
 * @param inputs the inputs, sorted by key
 * @param outputs the outputs, sorted by key
 */
record TensorflowSignature(String key, List<Binding> inputs, List<Binding> outputs) {

  /**
   * A signature tensor.
   *
   * @param metadata the key, datatype and shape clients see
   * @param graphName the graph tensor it is bound to, {@code <operation>:<index>}
   * @param rankKnown false when the signature leaves the rank open
   */
  record Binding(TensorMetadata metadata, String graphName, boolean rankKnown) {
    String name() {
      return metadata.name();
    }

    boolean dynamicFirstDimension() {
      return rankKnown && metadata.shape().length > 0 && metadata.shape()[0] == -1;
    }
  }

  /**
   * Describes {@code signature}; throws {@link IllegalArgumentException} naming the first tensor
   * whose dtype has no protocol datatype here.
   */
  static TensorflowSignature of(Signature signature) {
    return new TensorflowSignature(
        signature.key(),
        describe("input", signature.getInputs()),
        describe("output", signature.getOutputs()));
  }

  List<TensorMetadata> inputMetadata() {
    return inputs.stream().map(Binding::metadata).toList();
  }

  List<TensorMetadata> outputMetadata() {
    return outputs.stream().map(Binding::metadata).toList();
  }

  /** Whether every input and output has a known rank and a dynamic first dimension. */
  boolean batchable() {
    return inputs.stream().allMatch(Binding::dynamicFirstDimension)
        && outputs.stream().allMatch(Binding::dynamicFirstDimension);
  }

  private static List<Binding> describe(String role, Map<String, TensorDescription> tensors) {
    List<Binding> out = new ArrayList<>();
    for (var entry : new TreeMap<>(tensors).entrySet()) {
      String key = entry.getKey();
      TensorDescription description = entry.getValue();
      Datatype datatype =
          TensorflowDatatypes.of(description.dataType)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          role
                              + " '"
                              + key
                              + "' has dtype "
                              + description.dataType
                              + ", which TensorFlow Java cannot exchange (expected one of DT_FLOAT,"
                              + " DT_DOUBLE, DT_HALF, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16,"
                              + " DT_BOOL, DT_STRING)"));
      Shape shape = description.shape;
      boolean rankKnown = shape != null && !shape.isUnknown();
      long[] dims = rankKnown ? shape.asArray() : new long[] {-1};
      for (int d = 0; d < dims.length; d++) {
        dims[d] = dims[d] < 0 ? -1 : dims[d];
      }
      out.add(new Binding(new TensorMetadata(key, datatype, dims), description.name, rankKnown));
    }
    return out;
  }
}
