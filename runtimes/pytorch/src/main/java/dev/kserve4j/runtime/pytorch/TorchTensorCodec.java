package dev.kserve4j.runtime.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Converts between {@link Tensor} and libtorch tensors ({@link PtNDArray}).
 *
 * <p>Inputs are copied once, straight into memory libtorch allocated (and frees when the tensor is
 * closed); outputs are copied once, out of libtorch's memory into the array the {@link Tensor}
 * keeps. FP16 travels as raw IEEE half bits both ways. The protocol's UINT16, UINT32, UINT64 and
 * BYTES have no counterpart that libtorch computes with, and INT16, although a libtorch type, is
 * not mapped by DJL 0.36's native layer (creating such a tensor aborts the process), so none of
 * these is accepted: requests and {@code metadata.json} naming them are refused before native code
 * runs.
 */
final class TorchTensorCodec {
  static final Set<Datatype> SUPPORTED =
      EnumSet.of(
          Datatype.BOOL,
          Datatype.UINT8,
          Datatype.INT8,
          Datatype.INT32,
          Datatype.INT64,
          Datatype.FP16,
          Datatype.FP32,
          Datatype.FP64);

  private TorchTensorCodec() {}

  static boolean supports(Datatype datatype) {
    return SUPPORTED.contains(datatype);
  }

  /** The DJL type carrying {@code datatype}; only called for supported types. */
  static DataType toDjl(Datatype datatype) {
    return switch (datatype) {
      case BOOL -> DataType.BOOLEAN;
      case UINT8 -> DataType.UINT8;
      case INT8 -> DataType.INT8;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case FP16 -> DataType.FLOAT16;
      case FP32 -> DataType.FLOAT32;
      case FP64 -> DataType.FLOAT64;
      case INT16, UINT16, UINT32, UINT64, BYTES ->
          throw new IllegalArgumentException("no libtorch type for " + datatype);
    };
  }

  /** The protocol datatype of a libtorch tensor type, or empty when there is none. */
  static Optional<Datatype> fromDjl(DataType type) {
    Datatype datatype =
        switch (type) {
          case BOOLEAN -> Datatype.BOOL;
          case UINT8 -> Datatype.UINT8;
          case INT8 -> Datatype.INT8;
          case INT32 -> Datatype.INT32;
          case INT64 -> Datatype.INT64;
          case FLOAT16 -> Datatype.FP16;
          case FLOAT32 -> Datatype.FP32;
          case FLOAT64 -> Datatype.FP64;
          default -> null;
        };
    return Optional.ofNullable(datatype);
  }

  /**
   * A libtorch tensor holding {@code tensor}'s values, owned by {@code manager} and placed on its
   * device. The tensor is allocated by libtorch on the CPU and filled through a view of its memory,
   * so no Java direct buffer outlives the call waiting for a garbage collection; a GPU copy is made
   * from it when the manager's device is a GPU.
   */
  static PtNDArray toTorch(PtNDManager manager, Tensor tensor) {
    Datatype datatype = tensor.datatype();
    PtNDArray cpu =
        JniUtils.createEmptyNdArray(
            manager, new Shape(tensor.shape()), toDjl(datatype), Device.cpu(), SparseFormat.DENSE);
    if (tensor.size() > 0) {
      write(tensor, cpu.toByteBuffer(true));
    }
    return manager.getDevice().isGpu() ? cpu.toDevice(manager.getDevice(), false) : cpu;
  }

  private static void write(Tensor tensor, ByteBuffer buffer) {
    Object data = tensor.data();
    switch (tensor.datatype()) {
      case FP32 -> buffer.asFloatBuffer().put((float[]) data);
      case FP64 -> buffer.asDoubleBuffer().put((double[]) data);
      case INT32 -> buffer.asIntBuffer().put((int[]) data);
      case INT64 -> buffer.asLongBuffer().put((long[]) data);
      case FP16 -> buffer.asShortBuffer().put((short[]) data);
      case INT8, UINT8 -> buffer.put((byte[]) data);
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          buffer.put((byte) (v ? 1 : 0));
        }
      }
      default -> throw new IllegalArgumentException("no libtorch type for " + tensor.datatype());
    }
  }

  /**
   * The values of {@code array} as a tensor named {@code name} of the protocol {@code datatype}.
   */
  static Tensor fromTorch(String name, Datatype datatype, PtNDArray array) {
    long[] shape = array.getShape().getShape();
    int n = Math.toIntExact(array.size());
    ByteBuffer bytes = array.toByteBuffer(true);
    Object data =
        switch (datatype) {
          case FP32 -> {
            float[] a = new float[n];
            bytes.asFloatBuffer().get(a);
            yield a;
          }
          case FP64 -> {
            double[] a = new double[n];
            bytes.asDoubleBuffer().get(a);
            yield a;
          }
          case INT32 -> {
            int[] a = new int[n];
            bytes.asIntBuffer().get(a);
            yield a;
          }
          case INT64 -> {
            long[] a = new long[n];
            bytes.asLongBuffer().get(a);
            yield a;
          }
          case FP16 -> {
            short[] a = new short[n];
            bytes.asShortBuffer().get(a);
            yield a;
          }
          case INT8, UINT8 -> {
            byte[] a = new byte[n];
            bytes.get(a);
            yield a;
          }
          case BOOL -> {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) {
              a[i] = bytes.get(i) != 0;
            }
            yield a;
          }
          default -> throw new IllegalArgumentException("no libtorch type for " + datatype);
        };
    return new Tensor(name, datatype, shape, data);
  }
}
