package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One finished choice of a completion or chat completion.
 *
 * @param index its position: {@code promptIndex * n + i}
 * @param text the generated text
 * @param finishReason {@code "stop"} or {@code "length"}
 * @param logprobs one entry per generated token, or null when not asked for or not reported
 */
public record Choice(int index, String text, String finishReason, List<TokenLogprob> logprobs) {
  public Choice {
    requireNonNull(text, "text");
    requireNonNull(finishReason, "finishReason");
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
  }
}
