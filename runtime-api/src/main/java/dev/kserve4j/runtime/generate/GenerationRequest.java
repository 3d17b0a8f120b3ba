package dev.kserve4j.runtime.generate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What to generate, in the terms of OpenAI's request fields.
 *
 * @param prompt the text to continue (for chat: {@link TextGenerator#chatPrompt} of the messages)
 * @param maxTokens the most tokens to generate; -1 for as many as the context allows
 * @param temperature sampling temperature; 0 for greedy decoding (deterministic)
 * @param topP nucleus sampling mass, in (0, 1]
 * @param seed the sampler's seed, or null for a random one
 * @param stop sequences that end the generation; the text is cut before them
 * @param logprobs how many alternatives to report per token with their log-probabilities; 0 for
 *     none (the chosen token's log-probability is still reported when the engine gives it)
 */
public record GenerationRequest(
    String prompt,
    int maxTokens,
    double temperature,
    double topP,
    Long seed,
    List<String> stop,
    int logprobs) {
  public GenerationRequest {
    requireNonNull(prompt, "prompt");
    stop = List.copyOf(stop);
    if (maxTokens < -1 || maxTokens == 0) {
      throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected >= 1, or -1)");
    }
  }

  /** Greedy decoding of at most {@code maxTokens} tokens, no stop sequences. */
  public static GenerationRequest greedy(String prompt, int maxTokens) {
    return new GenerationRequest(prompt, maxTokens, 0.0, 1.0, null, List.of(), 0);
  }
}
