package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.tensorflow.TensorflowSignature.Binding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a request against a signature before anything native is touched, so a request that does
 * not fit is a clear 400 rather than a TensorFlow error.
 *
 * <p>Every signature input must be given exactly once, with the declared datatype (no implicit
 * conversion, as in Triton) and, when the rank is known, a shape of that rank whose fixed
 * dimensions match; -1 dimensions accept any size. Requested outputs must be signature outputs.
 */
final class TensorflowRequestValidator {
  private final String modelName;
  private final TensorflowSignature signature;
  private final List<String> inputNames;
  private final List<String> outputNames;

  TensorflowRequestValidator(String modelName, TensorflowSignature signature) {
    this.modelName = modelName;
    this.signature = signature;
    this.inputNames = signature.inputs().stream().map(Binding::name).toList();
    this.outputNames = signature.outputs().stream().map(Binding::name).toList();
  }

  /** The request's inputs in signature order; throws INVALID_INPUT naming the first problem. */
  Tensor[] inputs(List<Tensor> inputs) {
    Tensor[] ordered = new Tensor[inputNames.size()];
    for (Tensor input : inputs) {
      int index = inputNames.indexOf(input.name());
      if (index < 0) {
        throw invalid("unknown input '" + input.name() + "' (expected inputs: " + inputNames + ")");
      }
      if (ordered[index] != null) {
        throw invalid("input '" + input.name() + "' given more than once");
      }
      check(signature.inputs().get(index), input);
      ordered[index] = input;
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw invalid(
            "missing input '" + inputNames.get(i) + "' (expected inputs: " + inputNames + ")");
      }
    }
    return ordered;
  }

  /** The outputs to compute: the requested ones in request order, or all when none is named. */
  List<Binding> outputs(List<RequestedOutput> requested) {
    if (requested.isEmpty()) {
      return signature.outputs();
    }
    List<Binding> selected = new ArrayList<>(requested.size());
    for (RequestedOutput output : requested) {
      int index = outputNames.indexOf(output.name());
      if (index < 0) {
        throw invalid(
            "unknown output '"
                + output.name()
                + "' requested (expected outputs: "
                + outputNames
                + ")");
      }
      Binding binding = signature.outputs().get(index);
      if (!selected.contains(binding)) {
        selected.add(binding);
      }
    }
    return selected;
  }

  private void check(Binding binding, Tensor input) {
    TensorMetadata expected = binding.metadata();
    String name = "input '" + input.name() + "'";
    if (input.datatype() != expected.datatype()) {
      throw invalid(
          name + ": datatype " + input.datatype() + " (expected " + expected.datatype() + ")");
    }
    if (!binding.rankKnown()) {
      return;
    }
    long[] want = expected.shape();
    long[] got = input.shape();
    if (got.length != want.length) {
      throw invalid(
          name
              + ": shape "
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
            name
                + ": shape "
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
    return KServeException.invalidInput("model '" + modelName + "': " + message);
  }
}
