package dev.kserve4j.protocol.openai;

/**
 * OpenAI's {@code usage}: tokens read and written by one request.
 *
 * @param promptTokens tokens of the prompt(s), each prompt counted once however many choices
 * @param completionTokens tokens generated over all choices
 */
public record Usage(int promptTokens, int completionTokens) {
  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
