package dev.kserve4j.runtime.generate;

import static java.util.Objects.requireNonNull;

/**
 * One message of a chat, as OpenAI's {@code messages} carry it.
 *
 * @param role {@code system}, {@code user}, {@code assistant} (or another role the template knows)
 * @param content the message text
 */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    requireNonNull(role, "role");
    requireNonNull(content, "content");
  }
}
