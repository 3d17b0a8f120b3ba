package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code POST /v1/embeddings}.
 *
 * @param model the served model's name
 * @param inputs the texts to embed ({@code input} as a string or an array of strings)
 * @param base64 {@code encoding_format: "base64"}: vectors as base64 of little-endian float32
 * @param user the end user's identifier, or null
 */
public record EmbeddingsRequest(String model, List<String> inputs, boolean base64, String user) {
  public EmbeddingsRequest {
    requireNonNull(model, "model");
    inputs = List.copyOf(inputs);
  }
}
