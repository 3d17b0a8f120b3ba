package dev.kserve4j.runtime.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Converts between {@link Tensor} and {@link OnnxTensor}.
 *
 * <p>Inputs: ONNX Runtime hands the native side a direct buffer; a heap array is copied into one
 * exactly once (by ONNX Runtime when given a wrapped array, here when a conversion is needed
 * anyway, as for BOOL). Reusing pooled direct buffers instead was measured on the 8-32-3 MLP test
 * model (one row, one intra-op thread): both paths cost about 8-10 us per call, within noise of
 * each other, so the simpler wrapped path is kept. Outputs are copied once out of native memory
 * into the array the {@link Tensor} keeps. Unsigned outputs are read as the signed type of the same
 * width, so the bit patterns are kept, matching how {@link Datatype} holds unsigned values.
 */
final class OnnxTensorCodec {
  private final OrtEnvironment env;

  OnnxTensorCodec(OrtEnvironment env) {
    this.env = env;
  }

  /** A native tensor holding {@code tensor}'s values; the caller closes it. */
  OnnxTensor toOnnx(Tensor tensor) throws OrtException {
    long[] shape = tensor.shape();
    Object data = tensor.data();
    return switch (tensor.datatype()) {
      case FP32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) data), shape);
      case FP64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) data), shape);
      case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap((int[]) data), shape);
      case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) data), shape);
      case INT16 -> OnnxTensor.createTensor(env, ShortBuffer.wrap((short[]) data), shape);
      case FP16 ->
          OnnxTensor.createTensor(
              env, ShortBuffer.wrap((short[]) data), shape, OnnxJavaType.FLOAT16);
      case INT8 ->
          OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) data), shape, OnnxJavaType.INT8);
      case UINT8 ->
          OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) data), shape, OnnxJavaType.UINT8);
      case BOOL ->
          OnnxTensor.createTensor(env, boolBuffer((boolean[]) data), shape, OnnxJavaType.BOOL);
      case BYTES -> OnnxTensor.createTensor(env, strings((byte[][]) data), shape);
      case UINT16, UINT32, UINT64 ->
          throw new IllegalArgumentException(
              "tensor '"
                  + tensor.name()
                  + "': ONNX Runtime's Java API cannot create "
                  + tensor.datatype()
                  + " tensors");
    };
  }

  /**
   * The values of {@code value} as a tensor named {@code name} of the protocol {@code datatype}.
   */
  Tensor fromOnnx(String name, Datatype datatype, OnnxTensor value) throws OrtException {
    long[] shape = value.getInfo().getShape();
    Object data =
        switch (datatype) {
          case FP32 -> value.getFloatBuffer().array();
          case FP64 -> value.getDoubleBuffer().array();
          case INT32, UINT32 -> value.getIntBuffer().array();
          case INT64, UINT64 -> value.getLongBuffer().array();
          case INT16, UINT16, FP16 -> value.getShortBuffer().array();
          case INT8, UINT8 -> value.getByteBuffer().array();
          case BOOL -> booleans(value.getByteBuffer());
          case BYTES -> utf8(value.getValue(), Math.toIntExact(value.getInfo().getNumElements()));
        };
    return new Tensor(name, datatype, shape, data);
  }

  private static ByteBuffer boolBuffer(boolean[] values) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(values.length).order(ByteOrder.nativeOrder());
    for (boolean v : values) {
      buffer.put((byte) (v ? 1 : 0));
    }
    return buffer.flip();
  }

  private static boolean[] booleans(ByteBuffer bytes) {
    boolean[] out = new boolean[bytes.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i) != 0;
    }
    return out;
  }

  /** BYTES elements are UTF-8 text when fed to a {@code tensor(string)} input. */
  private static String[] strings(byte[][] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new String(values[i], StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Flattens the (possibly nested) String arrays ONNX Runtime returns, in row-major order. */
  private static byte[][] utf8(Object nested, int count) {
    byte[][] out = new byte[count][];
    int filled = flatten(nested, out, 0);
    if (filled != count) {
      throw new IllegalStateException("string tensor held " + filled + " of " + count + " values");
    }
    return out;
  }

  private static int flatten(Object value, byte[][] out, int at) {
    if (value instanceof String s) {
      out[at] = s.getBytes(StandardCharsets.UTF_8);
      return at + 1;
    }
    for (Object element : (Object[]) value) {
      at = flatten(element, out, at);
    }
    return at;
  }
}
