package dev.kserve4j.runtime.llm;

import dev.kserve4j.runtime.generate.ChatMessage;
import java.util.List;

/**
 * The JSON body that llama.cpp's template call reads: {@code {"messages": [{"role", "content"}]}},
 * OpenAI's chat shape. Strings are escaped per RFC 8259 section 7.
 */
final class ChatJson {
  private ChatJson() {}

  static String messages(List<ChatMessage> messages) {
    StringBuilder json = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      json.append(i == 0 ? "" : ",").append("{\"role\":");
      string(json, m.role());
      json.append(",\"content\":");
      string(json, m.content());
      json.append('}');
    }
    return json.append("]}").toString();
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
