package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

/**
 * What every response and every chunk of one request repeats: its id, creation time and model.
 *
 * @param id {@code cmpl-...} or {@code chatcmpl-...}; each chunk of a stream has the same id
 * @param created Unix time in seconds; each chunk has the same
 * @param model the model name as requested
 * @param chat whether this answers {@code chat/completions} (else {@code completions})
 */
public record ResponseHead(String id, long created, String model, boolean chat) {
  public ResponseHead {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
  }

  /** OpenAI's {@code object} of a whole response. */
  public String object() {
    return chat ? "chat.completion" : "text_completion";
  }

  /**
   * OpenAI's {@code object} of a streamed chunk (legacy completions stream text_completion too).
   */
  public String chunkObject() {
    return chat ? "chat.completion.chunk" : "text_completion";
  }
}
