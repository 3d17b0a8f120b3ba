package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One generated token with its log-probability and the most likely alternatives.
 *
 * @param token the token's text
 * @param logprob its natural-log probability
 * @param top alternatives (token text to log-probability), most likely first when ordered
 */
public record TokenLogprob(String token, double logprob, Map<String, Double> top) {
  public TokenLogprob {
    requireNonNull(token, "token");
    top = top == null ? Map.of() : top;
  }
}
