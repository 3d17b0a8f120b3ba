package dev.kserve4j.runtime.onnx;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import dev.kserve4j.protocol.Datatype;
import java.util.Optional;

/**
 * Maps ONNX tensor element types to the Open Inference Protocol datatypes, as Triton's ONNX Runtime
 * backend does: {@code tensor(float)} is FP32, {@code tensor(string)} is BYTES, and so on.
 *
 * <p>BFLOAT16, the FLOAT8 variants and the complex types have no protocol datatype here; models
 * that use them as inputs or outputs are refused at load time.
 */
final class OnnxDatatypes {
  private OnnxDatatypes() {}

  /** The protocol datatype carrying {@code type}, or empty when the protocol has none. */
  static Optional<Datatype> of(OnnxTensorType type) {
    Datatype datatype =
        switch (type) {
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> Datatype.BOOL;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> Datatype.UINT8;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> Datatype.UINT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> Datatype.UINT32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> Datatype.UINT64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> Datatype.INT8;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> Datatype.INT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> Datatype.INT32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> Datatype.INT64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> Datatype.FP16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> Datatype.FP32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> Datatype.FP64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Datatype.BYTES;
          default -> null;
        };
    return Optional.ofNullable(datatype);
  }

  /**
   * Whether ONNX Runtime's Java API can build an input tensor of {@code datatype}: it has no way to
   * create UINT16, UINT32 or UINT64 tensors (it reads them as the signed type of the same width).
   */
  static boolean canCreate(Datatype datatype) {
    return datatype != Datatype.UINT16
        && datatype != Datatype.UINT32
        && datatype != Datatype.UINT64;
  }
}
