package dev.kserve4j.api.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Admission warnings on the wire as the Kubernetes API server sends them: one HTTP {@code Warning}
 * header per warning, {@code 299 - "text"} (RFC 7234's warn-code 299, agent {@code -}, the text a
 * quoted string with {@code "} and {@code \} escaped by a backslash). {@code kubectl} prints each
 * on stderr as {@code Warning: text}.
 */
public final class WarningHeader {
  /** The header's name. */
  public static final String NAME = "Warning";

  /** The prefix {@code kubectl} prints before each warning's text. */
  public static final String PRINTED_PREFIX = "Warning: ";

  private static final String CODE = "299";

  private WarningHeader() {}

  /**
   * One header value for {@code text}; control characters, which a header cannot carry, become
   * spaces.
   */
  public static String format(String text) {
    StringBuilder out = new StringBuilder(CODE).append(" - \"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * The texts of the {@code 299} warnings among header {@code values} (each may hold several,
   * separated by commas, and a quoted date after the text), each once, in order; values that are
   * not warnings of this form are skipped, as {@code kubectl} skips them.
   */
  public static List<String> parse(List<String> values) {
    Set<String> texts = new LinkedHashSet<>();
    for (String value : values) {
      parseInto(value, texts);
    }
    return new ArrayList<>(texts);
  }

  private static void parseInto(String value, Set<String> texts) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == ',')) {
        i++;
      }
      int codeEnd = value.indexOf(' ', i);
      if (codeEnd < 0) {
        return;
      }
      String code = value.substring(i, codeEnd);
      int agentEnd = value.indexOf(' ', codeEnd + 1);
      if (agentEnd < 0 || agentEnd + 1 >= n || value.charAt(agentEnd + 1) != '"') {
        return;
      }
      StringBuilder text = new StringBuilder();
      i = quoted(value, agentEnd + 1, text);
      if (i < 0) {
        return;
      }
      if (i + 1 < n && value.charAt(i) == ' ' && value.charAt(i + 1) == '"') {
        i = quoted(value, i + 1, new StringBuilder()); // the warn-date
        if (i < 0) {
          return;
        }
      }
      if (CODE.equals(code)) {
        texts.add(text.toString());
      }
    }
  }

  /**
   * Reads the quoted string opening at {@code start} into {@code out}; the index after its closing
   * quote, or -1 when it is not closed.
   */
  private static int quoted(String value, int start, StringBuilder out) {
    for (int i = start + 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        out.append(value.charAt(++i));
      } else if (c == '"') {
        return i + 1;
      } else {
        out.append(c);
      }
    }
    return -1;
  }
}
