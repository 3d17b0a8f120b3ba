package dev.kserve4j.runtime.python.internal;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.JsonReply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary frames between the server and a Python worker (kserve4j_frames.py is the other side):
 * a little-endian u32 length, then the body. Infer frames carry tensors; JSON frames carry a KServe
 * V1 body and its headers to a custom model, whose answer comes back as HTTP status, content type,
 * headers and body. Tensors travel as raw little-endian element bytes, BYTES elements as u32 length
 * + bytes, so no value is formatted as text on this hop. Datatype codes are the positions in {@link
 * #CODES}.
 */
public final class FrameCodec {
  static final byte OP_INFER = 1;
  static final byte OP_PING = 2;
  static final byte OP_SHUTDOWN = 3;
  static final byte OP_JSON = 4;

  /** A transformer's preprocess on a JSON body. */
  public static final byte OP_PREPROCESS = 5;

  /** A transformer's postprocess on a JSON body. */
  public static final byte OP_POSTPROCESS = 6;

  /** KServe's explain verb on a V1 body. */
  public static final byte OP_EXPLAIN = 7;

  /** The protocol byte of a JSON frame whose body is KServe V1. */
  public static final byte V1 = 1;

  /** The protocol byte of a JSON frame whose body is the Open Inference Protocol's JSON. */
  public static final byte V2 = 2;

  private static final Datatype[] CODES = {
    Datatype.BOOL,
    Datatype.UINT8,
    Datatype.UINT16,
    Datatype.UINT32,
    Datatype.UINT64,
    Datatype.INT8,
    Datatype.INT16,
    Datatype.INT32,
    Datatype.INT64,
    Datatype.FP16,
    Datatype.FP32,
    Datatype.FP64,
    Datatype.BYTES
  };

  private FrameCodec() {}

  /** A frame carrying only {@code op}. */
  static byte[] control(byte op) {
    return ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put(op).array();
  }

  /** The infer frame for {@code request}: its string parameters and its input tensors. */
  public static byte[] infer(InferRequest request) {
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    for (Map.Entry<String, Object> p : request.parameters().entrySet()) {
      if (p.getValue() instanceof String
          || p.getValue() instanceof Number
          || p.getValue() instanceof Boolean) {
        keys.add(utf8(p.getKey()));
        values.add(utf8(String.valueOf(p.getValue())));
      }
    }
    List<byte[]> names = new ArrayList<>();
    long size = 1 + 4 + 4;
    for (int i = 0; i < keys.size(); i++) {
      size += 8 + keys.get(i).length + values.get(i).length;
    }
    for (Tensor t : request.inputs()) {
      byte[] name = utf8(t.name());
      names.add(name);
      size += 4 + name.length + 2 + 8L * t.shape().length + 8 + dataSize(t);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("request of " + size + " bytes exceeds 2 GiB");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size + 4).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt((int) size).put(OP_INFER).putInt(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      out.putInt(keys.get(i).length)
          .put(keys.get(i))
          .putInt(values.get(i).length)
          .put(values.get(i));
    }
    out.putInt(request.inputs().size());
    for (int i = 0; i < names.size(); i++) {
      Tensor t = request.inputs().get(i);
      out.putInt(names.get(i).length)
          .put(names.get(i))
          .put(code(t.datatype()))
          .put((byte) t.shape().length);
      for (long d : t.shape()) {
        out.putLong(d);
      }
      out.putLong(dataSize(t));
      putData(out, t);
    }
    return out.array();
  }

  /**
   * The JSON frame for a KServe V1 body: the request headers (names in lower case), then the body
   * as received.
   */
  public static byte[] json(byte[] content, Map<String, String> headers) {
    return json(OP_JSON, V1, content, headers);
  }

  /**
   * A JSON frame for {@code op} ({@link #OP_PREPROCESS}, {@link #OP_POSTPROCESS}, {@link
   * #OP_EXPLAIN}) on a body in {@code protocol} ({@link #V1} or {@link #V2}).
   */
  public static byte[] json(byte op, byte protocol, byte[] content, Map<String, String> headers) {
    List<byte[]> strings = new ArrayList<>(2 * headers.size());
    long size = 1 + 1 + 4 + 4 + (long) content.length;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      byte[] key = utf8(h.getKey());
      byte[] value = utf8(h.getValue());
      strings.add(key);
      strings.add(value);
      size += 8 + key.length + value.length;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("request of " + size + " bytes exceeds 2 GiB");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size + 4).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt((int) size).put(op).put(protocol).putInt(headers.size());
    for (byte[] s : strings) {
      out.putInt(s.length).put(s);
    }
    out.putInt(content.length).put(content);
    return out.array();
  }

  /** Reads a reply body: a status, then tensors when the status is OK, else a message. */
  public static WorkerReply reply(ByteBuffer body) {
    body.order(ByteOrder.LITTLE_ENDIAN);
    int status = body.get();
    if (status != WorkerReply.OK) {
      return WorkerReply.failed(status, string(body));
    }
    int count = body.getInt();
    List<Tensor> outputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outputs.add(tensor(body));
    }
    return new WorkerReply(status, outputs, null, null);
  }

  /**
   * Reads the reply to a JSON frame: a status, then when OK the HTTP status, content type, headers
   * and body of the answer, else a message.
   */
  public static WorkerReply jsonReply(ByteBuffer body) {
    body.order(ByteOrder.LITTLE_ENDIAN);
    int status = body.get();
    if (status != WorkerReply.OK) {
      return WorkerReply.failed(status, string(body));
    }
    int httpStatus = Short.toUnsignedInt(body.getShort());
    String contentType = string(body);
    int count = body.getInt();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = string(body);
      headers.put(name, string(body));
    }
    byte[] content = new byte[body.getInt()];
    body.get(content);
    return new WorkerReply(
        status, List.of(), new JsonReply(httpStatus, contentType, content, headers), null);
  }

  /** Reads the worker's first frame: its load result and declared metadata. */
  public static WorkerReady ready(ByteBuffer body) {
    body.order(ByteOrder.LITTLE_ENDIAN);
    if (body.get() != WorkerReply.OK) {
      return WorkerReady.failed(string(body));
    }
    boolean batchable = body.get() != 0;
    List<TensorMetadata> inputs = metadataList(body);
    List<TensorMetadata> outputs = metadataList(body);
    return new WorkerReady(null, batchable, inputs, outputs, body.get());
  }

  private static List<TensorMetadata> metadataList(ByteBuffer body) {
    int count = body.getInt();
    List<TensorMetadata> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = string(body);
      Datatype datatype = datatype(body.get());
      out.add(new TensorMetadata(name, datatype, shape(body)));
    }
    return out;
  }

  private static Tensor tensor(ByteBuffer body) {
    String name = string(body);
    Datatype datatype = datatype(body.get());
    long[] shape = shape(body);
    int n = Math.toIntExact(Tensor.elementCount(name, shape));
    int bytes = Math.toIntExact(body.getLong());
    ByteBuffer data = body.slice(body.position(), bytes).order(ByteOrder.LITTLE_ENDIAN);
    body.position(body.position() + bytes);
    Object array =
        switch (datatype) {
          case BOOL -> {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) {
              a[i] = data.get(i) != 0;
            }
            yield a;
          }
          case INT8, UINT8 -> {
            byte[] a = new byte[n];
            data.get(a);
            yield a;
          }
          case INT16, UINT16, FP16 -> {
            short[] a = new short[n];
            data.asShortBuffer().get(a);
            yield a;
          }
          case INT32, UINT32 -> {
            int[] a = new int[n];
            data.asIntBuffer().get(a);
            yield a;
          }
          case INT64, UINT64 -> {
            long[] a = new long[n];
            data.asLongBuffer().get(a);
            yield a;
          }
          case FP32 -> {
            float[] a = new float[n];
            data.asFloatBuffer().get(a);
            yield a;
          }
          case FP64 -> {
            double[] a = new double[n];
            data.asDoubleBuffer().get(a);
            yield a;
          }
          case BYTES -> {
            byte[][] a = new byte[n][];
            for (int i = 0; i < n; i++) {
              a[i] = new byte[data.getInt()];
              data.get(a[i]);
            }
            yield a;
          }
        };
    return new Tensor(name, datatype, shape, array);
  }

  private static long[] shape(ByteBuffer body) {
    long[] shape = new long[body.get()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = body.getLong();
    }
    return shape;
  }

  private static long dataSize(Tensor t) {
    if (t.datatype() == Datatype.BYTES) {
      long n = 0;
      for (byte[] e : t.bytes()) {
        n += 4 + e.length;
      }
      return n;
    }
    return (long) t.size() * t.datatype().byteSize();
  }

  private static void putData(ByteBuffer out, Tensor t) {
    int start = out.position();
    int bytes = (int) dataSize(t);
    ByteBuffer view = out.slice(start, bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (t.datatype()) {
      case BOOL -> {
        for (boolean b : (boolean[]) t.data()) {
          view.put((byte) (b ? 1 : 0));
        }
      }
      case INT8, UINT8 -> view.put((byte[]) t.data());
      case INT16, UINT16, FP16 -> view.asShortBuffer().put((short[]) t.data());
      case INT32, UINT32 -> view.asIntBuffer().put(t.ints());
      case INT64, UINT64 -> view.asLongBuffer().put(t.longs());
      case FP32 -> view.asFloatBuffer().put(t.floats());
      case FP64 -> view.asDoubleBuffer().put(t.doubles());
      case BYTES -> {
        for (byte[] e : t.bytes()) {
          view.putInt(e.length).put(e);
        }
      }
    }
    out.position(start + bytes);
  }

  private static byte code(Datatype datatype) {
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == datatype) {
        return (byte) i;
      }
    }
    throw new IllegalArgumentException("no frame code for " + datatype);
  }

  private static Datatype datatype(byte code) {
    if (code < 0 || code >= CODES.length) {
      throw new IllegalStateException(
          "worker sent datatype code " + code + " (expected 0.." + (CODES.length - 1) + ")");
    }
    return CODES[code];
  }

  private static String string(ByteBuffer body) {
    byte[] b = new byte[body.getInt()];
    body.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
