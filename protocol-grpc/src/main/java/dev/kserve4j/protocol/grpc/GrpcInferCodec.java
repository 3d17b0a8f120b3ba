package dev.kserve4j.protocol.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.grpc.internal.InferParameterCodec;
import dev.kserve4j.protocol.grpc.internal.RawContentsCodec;
import dev.kserve4j.protocol.grpc.internal.TensorContentsCodec;
import dev.kserve4j.protocol.grpc.v2.InferParameter;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Converts {@code ModelInferRequest} / {@code ModelInferResponse} of the Open Inference Protocol's
 * gRPC API to and from the core {@link InferRequest} / {@link InferResponse}.
 *
 * <p>A tensor's elements travel either in its typed {@code contents} or, for every tensor of the
 * message at once, in {@code raw_input_contents} / {@code raw_output_contents} (one entry per
 * tensor, same order); mixing the two in one message is invalid. Responses use raw contents when
 * the request did, as KServe's Python server does, and always when an output is FP16, which has no
 * typed field. Triton, by contrast, always answers in raw contents; clients of both read either.
 * Malformed messages fail with {@link KServeException#invalidInput} naming the field and value.
 */
public final class GrpcInferCodec {
  private GrpcInferCodec() {}

  /** Decodes a request received by the server. */
  public static InferRequest decodeRequest(ModelInferRequest request) {
    requireNonNull(request, "request");
    if (request.getModelName().isEmpty()) {
      throw KServeException.invalidInput("model_name: empty (expected the name of a model)");
    }
    int rawCount = request.getRawInputContentsCount();
    checkRawCount("raw_input_contents", rawCount, "inputs", request.getInputsCount());
    List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
    for (int i = 0; i < request.getInputsCount(); i++) {
      ModelInferRequest.InferInputTensor in = request.getInputs(i);
      inputs.add(
          decodeTensor(
              "input",
              "inputs[" + i + "]",
              in.getName(),
              in.getDatatype(),
              shapeOf(in.getShapeCount(), in::getShape),
              in.getParametersMap(),
              in.hasContents() ? in.getContents() : null,
              rawCount > 0 ? request.getRawInputContents(i) : null,
              "raw_input_contents",
              i));
    }
    List<RequestedOutput> outputs = new ArrayList<>(request.getOutputsCount());
    for (ModelInferRequest.InferRequestedOutputTensor out : request.getOutputsList()) {
      outputs.add(
          new RequestedOutput(
              out.getName(),
              InferParameterCodec.decode(
                  "output '" + out.getName() + "'", out.getParametersMap())));
    }
    return new InferRequest(
        emptyToNull(request.getId()),
        request.getModelName(),
        emptyToNull(request.getModelVersion()),
        inputs,
        outputs,
        InferParameterCodec.decode("request", request.getParametersMap()));
  }

  /**
   * Encodes the server's response.
   *
   * @param rawOutputs whether the request used {@code raw_input_contents}; FP16 outputs force raw
   */
  public static ModelInferResponse encodeResponse(InferResponse response, boolean rawOutputs) {
    requireNonNull(response, "response");
    boolean raw = rawOutputs || hasFp16(response.outputs());
    ModelInferResponse.Builder b =
        ModelInferResponse.newBuilder()
            .setModelName(response.modelName())
            .putAllParameters(InferParameterCodec.encode(response.parameters()));
    if (response.modelVersion() != null) {
      b.setModelVersion(response.modelVersion());
    }
    if (response.id() != null) {
      b.setId(response.id());
    }
    for (Tensor t : response.outputs()) {
      ModelInferResponse.InferOutputTensor.Builder ob =
          b.addOutputsBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name())
              .putAllParameters(InferParameterCodec.encode(t.parameters()));
      for (long d : t.shape()) {
        ob.addShape(d);
      }
      if (raw) {
        b.addRawOutputContents(RawContentsCodec.encode(t));
      } else {
        ob.setContents(TensorContentsCodec.encode(t));
      }
    }
    return b.build();
  }

  /**
   * Encodes a request for sending by a client.
   *
   * @param rawInputs whether to send elements in {@code raw_input_contents}; FP16 inputs force raw
   */
  public static ModelInferRequest encodeRequest(InferRequest request, boolean rawInputs) {
    requireNonNull(request, "request");
    boolean raw = rawInputs || hasFp16(request.inputs());
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder()
            .setModelName(request.modelName())
            .putAllParameters(InferParameterCodec.encode(request.parameters()));
    if (request.modelVersion() != null) {
      b.setModelVersion(request.modelVersion());
    }
    if (request.id() != null) {
      b.setId(request.id());
    }
    for (Tensor t : request.inputs()) {
      ModelInferRequest.InferInputTensor.Builder ib =
          b.addInputsBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().name())
              .putAllParameters(InferParameterCodec.encode(t.parameters()));
      for (long d : t.shape()) {
        ib.addShape(d);
      }
      if (raw) {
        b.addRawInputContents(RawContentsCodec.encode(t));
      } else {
        ib.setContents(TensorContentsCodec.encode(t));
      }
    }
    for (RequestedOutput out : request.outputs()) {
      b.addOutputsBuilder()
          .setName(out.name())
          .putAllParameters(InferParameterCodec.encode(out.parameters()));
    }
    return b.build();
  }

  /** Decodes a response received by a client. */
  public static InferResponse decodeResponse(ModelInferResponse response) {
    requireNonNull(response, "response");
    int rawCount = response.getRawOutputContentsCount();
    checkRawCount("raw_output_contents", rawCount, "outputs", response.getOutputsCount());
    List<Tensor> outputs = new ArrayList<>(response.getOutputsCount());
    for (int i = 0; i < response.getOutputsCount(); i++) {
      ModelInferResponse.InferOutputTensor out = response.getOutputs(i);
      outputs.add(
          decodeTensor(
              "output",
              "outputs[" + i + "]",
              out.getName(),
              out.getDatatype(),
              shapeOf(out.getShapeCount(), out::getShape),
              out.getParametersMap(),
              out.hasContents() ? out.getContents() : null,
              rawCount > 0 ? response.getRawOutputContents(i) : null,
              "raw_output_contents",
              i));
    }
    return new InferResponse(
        response.getModelName(),
        emptyToNull(response.getModelVersion()),
        emptyToNull(response.getId()),
        outputs,
        InferParameterCodec.decode("response", response.getParametersMap()));
  }

  private static Tensor decodeTensor(
      String role,
      String position,
      String name,
      String datatypeName,
      long[] shape,
      Map<String, InferParameter> parameters,
      InferTensorContents contents,
      ByteString raw,
      String rawField,
      int index) {
    if (name.isEmpty()) {
      throw KServeException.invalidInput(
          position + ": name is empty (expected the name of a model " + role + ")");
    }
    String label = role + " '" + name + "'";
    Datatype datatype = Datatype.parse(label + " datatype", datatypeName);
    int count = elementCount(name, label, shape);
    Object data;
    if (raw != null) {
      if (contents != null && TensorContentsCodec.valueCount(contents) > 0) {
        throw KServeException.invalidInput(
            label
                + ": values were given both in contents and in "
                + rawField
                + "["
                + index
                + "] (expected: "
                + rawField
                + " for every tensor, or contents for every tensor)");
      }
      data =
          RawContentsCodec.decode(
              label + " (" + rawField + "[" + index + "])", datatype, shape, count, raw);
    } else {
      data =
          TensorContentsCodec.decode(
              label,
              datatype,
              shape,
              count,
              contents == null ? InferTensorContents.getDefaultInstance() : contents);
    }
    return new Tensor(name, datatype, shape, data, InferParameterCodec.decode(label, parameters));
  }

  private static void checkRawCount(String rawField, int rawCount, String tensors, int count) {
    if (rawCount > 0 && rawCount != count) {
      throw KServeException.invalidInput(
          rawField
              + ": "
              + rawCount
              + " entries were given for "
              + count
              + " "
              + tensors
              + " (expected one entry per tensor of "
              + tensors
              + ", in the same order)");
    }
  }

  /** The element count of a shape, which must fit a Java array. */
  private static int elementCount(String name, String label, long[] shape) {
    long n;
    try {
      n = Tensor.elementCount(name, shape);
    } catch (ArithmeticException overflow) {
      n = Long.MAX_VALUE;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw KServeException.invalidInput(
          label
              + ": shape "
              + Arrays.toString(shape)
              + " describes more elements than one tensor may hold (expected at most "
              + (Integer.MAX_VALUE - 8)
              + ")");
    }
    return (int) n;
  }

  private static long[] shapeOf(int rank, IntToLongFunction dim) {
    long[] shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = dim.applyAsLong(i);
    }
    return shape;
  }

  private static boolean hasFp16(List<Tensor> tensors) {
    for (Tensor t : tensors) {
      if (t.datatype() == Datatype.FP16) {
        return true;
      }
    }
    return false;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
