package dev.kserve4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The rows and outputs scikit-learn gave for the iris ONNX test model ({@code expected.json}
 * written next to it by its generator), for comparing served answers with the framework's.
 *
 * @param rows the input rows, row-major, 4 features each
 * @param labels the class per row ({@code label}, INT64)
 * @param probabilities the class probabilities per row ({@code probabilities}, FP32 [rows, 3])
 * @param tolerance the absolute tolerance the generator states for the probabilities
 */
record IrisExpectations(float[] rows, long[] labels, float[] probabilities, double tolerance) {

  static IrisExpectations load() {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(TestModels.file("iris-onnx", "expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode x = doc.at("/inputs/0/data");
    JsonNode label = doc.at("/outputs/0/data");
    JsonNode proba = doc.at("/outputs/1/data");
    float[] rows = new float[x.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) x.get(i).asDouble();
    }
    long[] labels = new long[label.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = label.get(i).asLong();
    }
    float[] probabilities = new float[proba.size()];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (float) proba.get(i).asDouble();
    }
    return new IrisExpectations(rows, labels, probabilities, doc.get("tolerance").asDouble());
  }

  int rowCount() {
    return labels.length;
  }
}
