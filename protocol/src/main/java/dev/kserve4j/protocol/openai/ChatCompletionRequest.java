package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code POST /v1/chat/completions}, as far as this server honours it.
 *
 * @param model the served model's name
 * @param messages the conversation, in order
 * @param sampling max_completion_tokens (or max_tokens; default: the context's limit), temperature,
 *     top_p, seed, stop, n
 * @param stream whether to answer with server-sent events
 * @param includeUsage {@code stream_options.include_usage}: a final chunk with the usage
 * @param logprobs whether to report each token's log-probability
 * @param topLogprobs how many alternatives to report per token (0 to 20; needs {@code logprobs})
 * @param user the end user's identifier, or null
 */
public record ChatCompletionRequest(
    String model,
    List<ChatTurn> messages,
    SamplingOptions sampling,
    boolean stream,
    boolean includeUsage,
    boolean logprobs,
    int topLogprobs,
    String user) {
  public ChatCompletionRequest {
    requireNonNull(model, "model");
    messages = List.copyOf(messages);
    requireNonNull(sampling, "sampling");
  }
}
