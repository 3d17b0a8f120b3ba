package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;

/**
 * Converts between {@link Tensor} and TensorFlow Java tensors.
 *
 * <p>Inputs are copied once into native memory (TensorFlow owns its tensor buffers). FP16 and
 * UINT16 values travel as their raw 16-bit patterns, so nothing is rounded or reinterpreted on the
 * way. Outputs are copied once out of native memory into the array the {@link Tensor} keeps. BYTES
 * elements are passed to and from {@code DT_STRING} tensors as raw bytes, with no charset applied.
 */
final class TensorflowTensorCodec {
  private TensorflowTensorCodec() {}

  /** A native tensor holding {@code tensor}'s values; the caller closes it. */
  static org.tensorflow.Tensor toTensorflow(Tensor tensor) {
    Shape shape = Shape.of(tensor.shape());
    Object data = tensor.data();
    return switch (tensor.datatype()) {
      case FP32 -> TFloat32.tensorOf(shape, DataBuffers.of((float[]) data, true, false));
      case FP64 -> TFloat64.tensorOf(shape, DataBuffers.of((double[]) data, true, false));
      case INT32 -> TInt32.tensorOf(shape, DataBuffers.of((int[]) data, true, false));
      case INT64 -> TInt64.tensorOf(shape, DataBuffers.of((long[]) data, true, false));
      case UINT8 -> TUint8.tensorOf(shape, DataBuffers.of((byte[]) data, true, false));
      case BOOL -> TBool.tensorOf(shape, DataBuffers.of((boolean[]) data, true, false));
      case FP16 -> org.tensorflow.Tensor.of(TFloat16.class, shape, raw((short[]) data));
      case UINT16 -> org.tensorflow.Tensor.of(TUint16.class, shape, raw((short[]) data));
      case BYTES -> TString.tensorOfBytes(shape, DataBuffers.ofObjects((byte[][]) data));
      case INT8, INT16, UINT32, UINT64 ->
          throw new IllegalArgumentException(
              "tensor '"
                  + tensor.name()
                  + "': TensorFlow Java cannot create "
                  + tensor.datatype()
                  + " tensors");
    };
  }

  /** The values of {@code value} as a tensor {@code name} of the protocol {@code datatype}. */
  static Tensor fromTensorflow(String name, Datatype datatype, org.tensorflow.Tensor value) {
    long[] shape = value.shape().asArray();
    int size = Math.toIntExact(value.shape().size());
    Object data;
    if (datatype == Datatype.BYTES) {
      byte[][] strings = new byte[size][];
      ((TString) value).asBytes().copyTo(DataBuffers.ofObjects(strings));
      data = strings;
    } else {
      ByteDataBuffer raw = value.asRawTensor().data();
      data =
          switch (datatype) {
            case FP32 -> read(raw, new float[size]);
            case FP64 -> read(raw, new double[size]);
            case INT32 -> read(raw, new int[size]);
            case INT64 -> read(raw, new long[size]);
            case FP16, UINT16 -> read(raw, new short[size]);
            case UINT8 -> read(raw, new byte[size]);
            case BOOL -> read(raw, new boolean[size]);
            default ->
                throw new IllegalArgumentException(
                    "output '" + name + "': TensorFlow Java cannot read " + datatype + " tensors");
          };
    }
    return new Tensor(name, datatype, shape, data);
  }

  private static ByteDataBuffer raw(short[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.nativeOrder());
    bytes.asShortBuffer().put(values);
    return DataBuffers.of(bytes.array(), true, false);
  }

  private static Object read(ByteDataBuffer raw, Object array) {
    switch (array) {
      case float[] a -> raw.asFloats().read(a);
      case double[] a -> raw.asDoubles().read(a);
      case int[] a -> raw.asInts().read(a);
      case long[] a -> raw.asLongs().read(a);
      case short[] a -> raw.asShorts().read(a);
      case byte[] a -> raw.read(a);
      case boolean[] a -> raw.asBooleans().read(a);
      default -> throw new IllegalStateException("no reader for " + array.getClass());
    }
    return array;
  }
}
