package dev.kserve4j.runtime.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A generated test model's {@code expected.json}: its input, the framework's output, tolerance. */
record Golden(Path directory, Tensor input, Tensor output, double tolerance, JsonNode metadata) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Golden of(String model) {
    Path directory = TestModels.directory(model);
    try {
      JsonNode root = JSON.readTree(directory.resolve("expected.json").toFile());
      return new Golden(
          directory,
          tensor(root.path("inputs").get(0)),
          tensor(root.path("outputs").get(0)),
          root.path("tolerance").asDouble(),
          root.path("metadata"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tensor tensor(JsonNode node) {
    long[] shape = new long[node.path("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = node.path("shape").get(i).asLong();
    }
    float[] data = new float[node.path("data").size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) node.path("data").get(i).asDouble();
    }
    return Tensor.ofFloats(node.path("name").asText(), shape, data);
  }
}
