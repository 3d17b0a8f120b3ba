package dev.kserve4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture's {@code expected*.json}, as the generators in {@code testing/fixtures/} write it
 * ({@code generate_onnx.py}, {@code generate_torch.py}, {@code GenerateTensorflow.java}): declared
 * metadata, inputs, the reference outputs and the tolerance for floating-point outputs.
 */
public record GoldenCase(
    double tolerance,
    List<TensorMetadata> declaredInputs,
    List<TensorMetadata> declaredOutputs,
    List<Tensor> inputs,
    List<Tensor> outputs) {

  /** The fixture {@code model}'s {@code expected.json}. */
  public static GoldenCase read(String model) {
    return read(model, "expected.json");
  }

  /** The fixture {@code model}'s {@code file}, e.g. {@code expected-logits.json}. */
  public static GoldenCase read(String model, String file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(TestModels.file(model, file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GoldenCase(
        root.get("tolerance").asDouble(),
        metadata(root.get("metadata").get("inputs")),
        metadata(root.get("metadata").get("outputs")),
        tensors(root.get("inputs")),
        tensors(root.get("outputs")));
  }

  private static List<TensorMetadata> metadata(JsonNode array) {
    List<TensorMetadata> out = new ArrayList<>();
    array.forEach(
        n ->
            out.add(
                new TensorMetadata(
                    n.get("name").asText(),
                    Datatype.parse("datatype", n.get("datatype").asText()),
                    shape(n.get("shape")))));
    return out;
  }

  private static List<Tensor> tensors(JsonNode array) {
    List<Tensor> out = new ArrayList<>();
    array.forEach(
        n -> {
          Datatype datatype = Datatype.parse("datatype", n.get("datatype").asText());
          out.add(
              new Tensor(
                  n.get("name").asText(),
                  datatype,
                  shape(n.get("shape")),
                  values(datatype, n.get("data"))));
        });
    return out;
  }

  private static long[] shape(JsonNode dims) {
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
    }
    return shape;
  }

  /** JSON numbers into the protocol's arrays; unsigned values keep their bit pattern. */
  private static Object values(Datatype datatype, JsonNode data) {
    int n = data.size();
    Object array = java.lang.reflect.Array.newInstance(datatype.arrayType().getComponentType(), n);
    for (int i = 0; i < n; i++) {
      JsonNode v = data.get(i);
      switch (datatype) {
        case BOOL -> ((boolean[]) array)[i] = v.asBoolean();
        case INT8, UINT8 -> ((byte[]) array)[i] = (byte) v.asInt();
        case INT16, UINT16 -> ((short[]) array)[i] = (short) v.asInt();
        case FP16 -> ((short[]) array)[i] = Float.floatToFloat16((float) v.asDouble());
        case INT32, UINT32 -> ((int[]) array)[i] = (int) v.asLong();
        case INT64, UINT64 -> ((long[]) array)[i] = v.bigIntegerValue().longValue();
        case FP32 -> ((float[]) array)[i] = (float) v.asDouble();
        case FP64 -> ((double[]) array)[i] = v.asDouble();
        case BYTES -> ((byte[][]) array)[i] = v.asText().getBytes(StandardCharsets.UTF_8);
      }
    }
    return array;
  }
}
