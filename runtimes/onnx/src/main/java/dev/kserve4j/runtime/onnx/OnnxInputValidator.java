package dev.kserve4j.runtime.onnx;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.util.Arrays;
import java.util.List;

/**
 * Checks request inputs against a model's declared inputs before anything native is touched, so a
 * request that does not fit is a clear 400 rather than an ONNX Runtime failure.
 *
 * <p>Every declared input must be given exactly once, with the declared datatype (no implicit
 * conversion, as in Triton) and a shape of the declared rank whose fixed dimensions match; -1
 * dimensions accept any size.
 */
final class OnnxInputValidator {
  private final String modelName;
  private final List<TensorMetadata> declared;
  private final List<String> names;

  OnnxInputValidator(String modelName, List<TensorMetadata> declared) {
    this.modelName = modelName;
    this.declared = List.copyOf(declared);
    this.names = declared.stream().map(TensorMetadata::name).toList();
  }

  /** The request's inputs in declaration order; throws INVALID_INPUT naming the first problem. */
  Tensor[] validate(List<Tensor> inputs) {
    Tensor[] ordered = new Tensor[declared.size()];
    for (Tensor input : inputs) {
      int index = names.indexOf(input.name());
      if (index < 0) {
        throw KServeException.invalidInput(
            "model '"
                + modelName
                + "': unknown input '"
                + input.name()
                + "' (expected inputs: "
                + names
                + ")");
      }
      if (ordered[index] != null) {
        throw KServeException.invalidInput(
            "model '" + modelName + "': input '" + input.name() + "' given more than once");
      }
      check(declared.get(index), input);
      ordered[index] = input;
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw KServeException.invalidInput(
            "model '"
                + modelName
                + "': missing input '"
                + names.get(i)
                + "' (expected inputs: "
                + names
                + ")");
      }
    }
    return ordered;
  }

  private void check(TensorMetadata expected, Tensor input) {
    if (input.datatype() != expected.datatype()) {
      throw KServeException.invalidInput(
          "model '"
              + modelName
              + "': input '"
              + input.name()
              + "': datatype "
              + input.datatype()
              + " (expected "
              + expected.datatype()
              + ")");
    }
    long[] want = expected.shape();
    long[] got = input.shape();
    if (got.length != want.length) {
      throw KServeException.invalidInput(
          "model '"
              + modelName
              + "': input '"
              + input.name()
              + "': shape "
              + Arrays.toString(got)
              + " has "
              + got.length
              + " dimensions (expected "
              + want.length
              + ", shape "
              + Arrays.toString(want)
              + ")");
    }
    for (int d = 0; d < want.length; d++) {
      if (want[d] >= 0 && got[d] != want[d]) {
        throw KServeException.invalidInput(
            "model '"
                + modelName
                + "': input '"
                + input.name()
                + "': shape "
                + Arrays.toString(got)
                + " does not fit "
                + Arrays.toString(want)
                + " (dimension "
                + d
                + " is "
                + got[d]
                + ", expected "
                + want[d]
                + ")");
      }
    }
  }
}
