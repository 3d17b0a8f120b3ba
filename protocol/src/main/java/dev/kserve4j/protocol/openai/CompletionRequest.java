package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code POST /v1/completions}, as far as this server honours it.
 *
 * @param model the served model's name
 * @param prompts one or more prompts ({@code prompt} as a string or an array of strings); each
 *     yields {@code sampling.n()} choices
 * @param sampling max_tokens (default 16, as OpenAI's), temperature, top_p, seed, stop, n
 * @param stream whether to answer with server-sent events
 * @param includeUsage {@code stream_options.include_usage}: a final chunk with the usage
 * @param logprobs how many alternatives to report per token (0 to 5), or -1 for no
 *     log-probabilities
 * @param user the end user's identifier, or null; only echoed into logs by callers that want it
 */
public record CompletionRequest(
    String model,
    List<String> prompts,
    SamplingOptions sampling,
    boolean stream,
    boolean includeUsage,
    int logprobs,
    String user) {
  public CompletionRequest {
    requireNonNull(model, "model");
    prompts = List.copyOf(prompts);
    requireNonNull(sampling, "sampling");
  }
}
