package dev.kserve4j.runtime.generate;

import static java.util.Objects.requireNonNull;

/**
 * How a generation ended.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param finishReason why it stopped
 */
public record Generation(int promptTokens, int completionTokens, FinishReason finishReason) {
  public Generation {
    requireNonNull(finishReason, "finishReason");
  }

  /** Why a generation stopped, as OpenAI's {@code finish_reason} names the first two. */
  public enum FinishReason {
    /** An end-of-text token or a stop sequence: {@code "stop"}. */
    STOP,
    /** {@code max_tokens} or the context was reached: {@code "length"}. */
    LENGTH,
    /** The receiver went away ({@link TokenSink} returned false). */
    CANCELLED
  }
}
