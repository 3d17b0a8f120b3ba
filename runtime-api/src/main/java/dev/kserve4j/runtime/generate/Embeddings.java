package dev.kserve4j.runtime.generate;

import java.util.List;

/**
 * Embeddings of several inputs.
 *
 * @param vectors one vector per input, in order
 * @param promptTokens the tokens of all inputs together (OpenAI's {@code usage.prompt_tokens})
 */
public record Embeddings(List<float[]> vectors, int promptTokens) {
  public Embeddings {
    vectors = List.copyOf(vectors);
  }
}
