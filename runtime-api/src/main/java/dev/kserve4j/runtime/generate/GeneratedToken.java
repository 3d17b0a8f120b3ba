package dev.kserve4j.runtime.generate;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One generated token as text.
 *
 * @param text the decoded text of the token (may be empty while a multi-byte character is
 *     incomplete; its bytes come with the next token)
 * @param logprob the token's log-probability, or null when the engine does not report it
 * @param topLogprobs the most likely alternatives with their log-probabilities (empty unless asked)
 */
public record GeneratedToken(String text, Double logprob, Map<String, Double> topLogprobs) {
  public GeneratedToken {
    requireNonNull(text, "text");
    topLogprobs = topLogprobs == null ? Map.of() : Map.copyOf(topLogprobs);
  }

  public static GeneratedToken of(String text) {
    return new GeneratedToken(text, null, Map.of());
  }
}
