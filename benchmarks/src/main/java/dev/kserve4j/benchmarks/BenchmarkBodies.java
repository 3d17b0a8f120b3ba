package dev.kserve4j.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the request bodies the REST load runs send: {@code PREFIX.json} (V2 JSON),
 * {@code PREFIX.v1.json} (V1 instances), {@code PREFIX.bin} (V2 with the binary tensor data
 * extension for input and outputs) and {@code PREFIX.binlen} (its JSON header's length).
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
    String json = "{\"inputs\":[{\"name\":\"" + input + "\",\"shape\":" + shape
        + ",\"datatype\":\"FP32\",\"data\":" + BenchmarkInputs.json(rows, features) + "}]}";
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
    byte[] head = ("{\"inputs\":[{\"name\":\"" + input + "\",\"shape\":" + shape
        + ",\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":" + values.length * 4
        + "}}],\"parameters\":{\"binary_data_output\":true}}").getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(head.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.put(head);
    for (float v : values) {
      body.putFloat(v);
    }
    Files.write(Path.of(prefix + ".bin"), body.array());
    Files.writeString(Path.of(prefix + ".binlen"), Integer.toString(head.length));
  }
}
