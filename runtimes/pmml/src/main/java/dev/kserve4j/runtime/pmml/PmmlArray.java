package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a PMML {@code Array} (PMML 4.4 "Array"): whitespace-separated tokens, where a
 * double-quoted token may contain spaces and {@code \"} stands for a quote.
 */
final class PmmlArray {
  private PmmlArray() {}

  static List<String> tokens(XmlElement array) {
    String text = array.text();
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        StringBuilder token = new StringBuilder();
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          }
          token.append(text.charAt(i++));
        }
        if (i >= text.length()) {
          throw new PmmlException(array + ": unterminated quoted value in '" + text.strip() + "'");
        }
        i++;
        tokens.add(token.toString());
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        tokens.add(text.substring(start, i));
      }
    }
    int declared = (int) array.number("n", tokens.size());
    if (declared != tokens.size()) {
      throw new PmmlException(
          array + ": n=" + declared + " but it holds " + tokens.size() + " values");
    }
    return tokens;
  }
}
