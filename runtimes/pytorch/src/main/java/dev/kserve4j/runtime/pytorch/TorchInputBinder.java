package dev.kserve4j.runtime.pytorch;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.util.Arrays;
import java.util.List;

/**
 * Orders a request's inputs as the arguments of {@code forward} and checks them before anything
 * native is touched, so a request that does not fit is a clear 400 rather than a libtorch error.
 *
 * <p>Declared inputs ({@link TorchSignature}) must each be given once, with the declared datatype
 * (no implicit conversion, as in Triton) and a shape of the declared rank whose fixed dimensions
 * match. Undeclared models take {@code INPUT__0 .. INPUT__<n-1>}, each once, of any supported
 * datatype and shape (libtorch itself then judges shapes), where {@code n} is the number of {@code
 * forward}'s parameters when known (trailing ones with defaults may be left out), else the highest
 * position given. A model whose {@code forward} takes one tensor takes it under any name, as
 * KServe's model servers hand a single-input model its one tensor.
 */
final class TorchInputBinder {
  private final String model;
  private final TorchSignature signature;
  private final List<String> names;

  TorchInputBinder(String model, TorchSignature signature) {
    this.model = model;
    this.signature = signature;
    this.names = signature.inputs().stream().map(TensorMetadata::name).toList();
  }

  /** The inputs in argument order; throws INVALID_INPUT naming the first problem. */
  Tensor[] bind(List<Tensor> inputs) {
    if (signature.positional() && names.size() == 1 && inputs.size() == 1) {
      checkDatatype(inputs.getFirst());
      return new Tensor[] {inputs.getFirst()};
    }
    if (signature.positional() && names.size() == 1 && inputs.size() > 1) {
      throw invalid(
          inputs.size()
              + " inputs "
              + inputs.stream().map(Tensor::name).toList()
              + " (expected one: forward() takes a single tensor)");
    }
    int count = names.size();
    if (!signature.declared()) {
      // Positions are named, so the highest one given sets the argument count; gaps are missing.
      count = signature.required();
      for (Tensor input : inputs) {
        count = Math.max(count, indexOf(input.name()) + 1);
      }
    }
    Tensor[] ordered = new Tensor[count];
    for (Tensor input : inputs) {
      int index = indexOf(input.name());
      if (ordered[index] != null) {
        throw invalid("input '" + input.name() + "' given more than once");
      }
      checkDatatype(input);
      if (signature.declared()) {
        checkShape(signature.inputs().get(index), input);
      }
      ordered[index] = input;
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw invalid(
            "missing input '" + expectedName(i) + "' (expected inputs: " + expected() + ")");
      }
    }
    return ordered;
  }

  private int indexOf(String name) {
    int index =
        signature.declared() || signature.positional()
            ? names.indexOf(name)
            : conventionalIndex(name);
    if (index < 0) {
      throw invalid("unknown input '" + name + "' (expected inputs: " + expected() + ")");
    }
    return index;
  }

  private static int conventionalIndex(String name) {
    String prefix = TorchSignature.INPUT_PREFIX;
    if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("\\d{1,4}")) {
      return -1;
    }
    return Integer.parseInt(name.substring(prefix.length()));
  }

  private String expectedName(int i) {
    return signature.declared() ? names.get(i) : TorchSignature.INPUT_PREFIX + i;
  }

  private String expected() {
    if (signature.positional()) {
      return names
          + " by position in forward()"
          + (names.size() == 1 ? " (a single input may have any name)" : "")
          + ", as no "
          + TorchSignature.FILE
          + " declares names";
    }
    return signature.declared()
        ? names.toString()
        : TorchSignature.INPUT_PREFIX
            + "0, "
            + TorchSignature.INPUT_PREFIX
            + "1, ... by position"
            + " in forward(), as no "
            + TorchSignature.FILE
            + " declares names";
  }

  private void checkDatatype(Tensor input) {
    if (signature.declared()) {
      TensorMetadata want = signature.inputs().get(names.indexOf(input.name()));
      if (input.datatype() != want.datatype()) {
        throw invalid(
            "input '"
                + input.name()
                + "': datatype "
                + input.datatype()
                + " (expected "
                + want.datatype()
                + ")");
      }
    } else if (!TorchTensorCodec.supports(input.datatype())) {
      throw invalid(
          "input '"
              + input.name()
              + "': datatype "
              + input.datatype()
              + " (expected one of "
              + TorchTensorCodec.SUPPORTED
              + ")");
    }
  }

  private void checkShape(TensorMetadata expected, Tensor input) {
    long[] want = expected.shape();
    long[] got = input.shape();
    if (got.length != want.length) {
      throw invalid(
          "input '"
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
        throw invalid(
            "input '"
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

  private KServeException invalid(String message) {
    return KServeException.invalidInput("model '" + model + "': " + message);
  }
}
