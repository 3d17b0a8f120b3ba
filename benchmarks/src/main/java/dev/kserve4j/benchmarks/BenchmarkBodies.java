package dev.kserve4j.benchmarks;

import com.google.protobuf.ByteString;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the request bodies the REST load runs send: {@code PREFIX.json} (V2 JSON), {@code
 * PREFIX.v1.json} (V1 instances), {@code PREFIX.bin} (V2 with the binary tensor data extension for
 * input and outputs), {@code PREFIX.binlen} (its JSON header's length), and the gRPC ModelInfer
 * request as a length-prefixed gRPC message for h2load: {@code PREFIX.grpc} (typed {@code
 * fp32_contents}) and {@code PREFIX.grpcraw} ({@code raw_input_contents}). The model name is the
 * last path element of PREFIX.
 *
 * <p>Usage: {@code BenchmarkBodies INPUT_NAME ROWS FEATURES PREFIX}.
 */
public final class BenchmarkBodies {
  private BenchmarkBodies() {}

  public static void main(String[] args) throws IOException {
    String input = args[0];
    int rows = Integer.parseInt(args[1]);
    int features = Integer.parseInt(args[2]);
    String prefix = args[3];
    String shape = "[" + rows + "," + features + "]";
    String json =
        "{\"inputs\":[{\"name\":\""
            + input
            + "\",\"shape\":"
            + shape
            + ",\"datatype\":\"FP32\",\"data\":"
            + BenchmarkInputs.json(rows, features)
            + "}]}";
    Files.writeString(Path.of(prefix + ".json"), json);
    StringBuilder v1 = new StringBuilder("{\"instances\":[");
    float[] values = BenchmarkInputs.rows(rows, features);
    for (int r = 0; r < rows; r++) {
      v1.append(r == 0 ? "[" : ",[");
      for (int f = 0; f < features; f++) {
        v1.append(f == 0 ? "" : ",").append(values[r * features + f]);
      }
      v1.append(']');
    }
    Files.writeString(Path.of(prefix + ".v1.json"), v1.append("]}").toString());
    byte[] head =
        ("{\"inputs\":[{\"name\":\""
                + input
                + "\",\"shape\":"
                + shape
                + ",\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":"
                + values.length * 4
                + "}}],\"parameters\":{\"binary_data_output\":true}}")
            .getBytes(StandardCharsets.UTF_8);
    ByteBuffer body =
        ByteBuffer.allocate(head.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.put(head);
    for (float v : values) {
      body.putFloat(v);
    }
    Files.write(Path.of(prefix + ".bin"), body.array());
    Files.writeString(Path.of(prefix + ".binlen"), Integer.toString(head.length));
    String model = Path.of(prefix).getFileName().toString();
    Files.write(
        Path.of(prefix + ".grpc"), grpcFrame(grpcRequest(model, input, rows, features, false)));
    Files.write(
        Path.of(prefix + ".grpcraw"), grpcFrame(grpcRequest(model, input, rows, features, true)));
  }

  static ModelInferRequest grpcRequest(
      String model, String input, int rows, int features, boolean raw) {
    float[] values = BenchmarkInputs.rows(rows, features);
    ModelInferRequest.InferInputTensor.Builder t =
        ModelInferRequest.InferInputTensor.newBuilder()
            .setName(input)
            .setDatatype("FP32")
            .addShape(rows)
            .addShape(features);
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model);
    if (raw) {
      ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        buf.putFloat(v);
      }
      b.addRawInputContents(ByteString.copyFrom(buf.array()));
    } else {
      InferTensorContents.Builder c = InferTensorContents.newBuilder();
      for (float v : values) {
        c.addFp32Contents(v);
      }
      t.setContents(c);
    }
    return b.addInputs(t).build();
  }

  /** A gRPC length-prefixed message: 0 (not compressed), 4-byte big-endian length, payload. */
  private static byte[] grpcFrame(ModelInferRequest request) {
    byte[] payload = request.toByteArray();
    return ByteBuffer.allocate(5 + payload.length)
        .put((byte) 0)
        .putInt(payload.length)
        .put(payload)
        .array();
  }
}
