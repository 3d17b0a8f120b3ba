package dev.kserve4j.protocol.openai;

import java.util.List;

/**
 * The sampling fields shared by {@code completions} and {@code chat/completions}, with OpenAI's
 * defaults applied.
 *
 * @param maxTokens the most tokens to generate per choice; -1 for as many as the context allows
 * @param temperature in [0, 2]; default 1
 * @param topP in (0, 1]; default 1
 * @param seed the sampler's seed, or null for a random one
 * @param stop up to four sequences that end a choice (the text is cut before them)
 * @param n how many choices to generate per prompt, in [1, 128]; default 1
 */
public record SamplingOptions(
    int maxTokens, double temperature, double topP, Long seed, List<String> stop, int n) {
  public SamplingOptions {
    stop = List.copyOf(stop);
  }

  /**
   * The seed of choice {@code index}: {@code seed + index}, so the choices of one request differ.
   */
  public Long seedOf(int index) {
    return seed == null ? null : seed + index;
  }
}
