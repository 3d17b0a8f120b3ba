package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.protocol.Datatype;
import java.util.Optional;
import org.tensorflow.proto.DataType;

/**
 * Maps TensorFlow dtypes to the Open Inference Protocol datatypes, as Triton's TensorFlow backend
 * does: {@code DT_FLOAT} is FP32, {@code DT_STRING} is BYTES, and so on.
 *
 * <p>Only the dtypes TensorFlow Java 1.1 has tensor classes for are served (float16/32/64, int32,
 * int64, uint8, uint16, bool, string). It has none for {@code DT_INT8} and {@code DT_INT16} (nor
 * for uint32/64 or the quantized and complex types), so a signature using them is refused at load
 * time.
 */
final class TensorflowDatatypes {
  private TensorflowDatatypes() {}

  /** The protocol datatype carrying {@code dtype}, or empty when TensorFlow Java cannot. */
  static Optional<Datatype> of(DataType dtype) {
    Datatype datatype =
        switch (dtype) {
          case DT_FLOAT -> Datatype.FP32;
          case DT_DOUBLE -> Datatype.FP64;
          case DT_HALF -> Datatype.FP16;
          case DT_INT32 -> Datatype.INT32;
          case DT_INT64 -> Datatype.INT64;
          case DT_UINT8 -> Datatype.UINT8;
          case DT_UINT16 -> Datatype.UINT16;
          case DT_BOOL -> Datatype.BOOL;
          case DT_STRING -> Datatype.BYTES;
          default -> null;
        };
    return Optional.ofNullable(datatype);
  }
}
