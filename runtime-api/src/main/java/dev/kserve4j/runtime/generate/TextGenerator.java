package dev.kserve4j.runtime.generate;

import java.util.List;

/**
 * A model that generates text: what the OpenAI-compatible API ({@code completions}, {@code
 * chat/completions}, {@code embeddings}) calls. A runtime exposes it through {@link
 * dev.kserve4j.runtime.Model#textGenerator()}.
 *
 * <p>Implementations are called from several threads at once (one per request in flight) and decide
 * themselves how many generations run in parallel (e.g. llama.cpp's slots); a call may block while
 * it waits for a slot. Failures are {@code KServeException}s: {@code INVALID_INPUT} for a request
 * the model cannot take (prompt longer than the context, a template it lacks), else {@code
 * MODEL_FAILURE}.
 */
public interface TextGenerator {
  /**
   * The prompt for {@code messages} rendered with the model's chat template.
   *
   * @throws dev.kserve4j.common.KServeException INVALID_INPUT when the model has no chat template
   *     or a role it does not know
   */
  String chatPrompt(List<ChatMessage> messages);

  /**
   * Generates a continuation of {@code request.prompt()}, handing each piece of text to {@code
   * sink} as soon as it is decoded, in order, from the calling thread. Returns when a stop sequence
   * or end-of-text token was produced, {@code maxTokens} were produced, or {@code sink} returned
   * false (the client went away: generation stops and its slot is freed at once).
   */
  Generation generate(GenerationRequest request, TokenSink sink);

  /**
   * One embedding per input, in order.
   *
   * @throws dev.kserve4j.common.KServeException UNIMPLEMENTED when the model does not embed
   */
  Embeddings embed(List<String> inputs);

  /** The number of tokens {@code text} encodes to (without special tokens added). */
  int countTokens(String text);
}
