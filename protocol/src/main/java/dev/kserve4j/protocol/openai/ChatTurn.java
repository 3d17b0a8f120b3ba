package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a chat request's {@code messages}, its content flattened to text.
 *
 * @param role {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text (text parts of a content array joined in order)
 */
public record ChatTurn(String role, String content) {
  public ChatTurn {
    requireNonNull(role, "role");
    requireNonNull(content, "content");
  }
}
