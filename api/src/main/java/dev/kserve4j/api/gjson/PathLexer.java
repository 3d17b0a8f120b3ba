package dev.kserve4j.api.gjson;

/**
 * The lexical rules shared by the parsers: strings, escapes, brackets and where a piped path
 * starts. Positions are indexes into the whole path; every error names one.
 */
class PathLexer {
  final String path;

  PathLexer(String path) {
    this.path = path;
  }

  GjsonSyntaxException error(int position, String reason) {
    return new GjsonSyntaxException(path, position, reason);
  }

  /** The first index from {@code from} whose character is above a space, or {@code end}. */
  int trimStart(int from, int end) {
    while (from < end && path.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /**
   * One past the last index before {@code end} whose character is above a space, or {@code from}.
   */
  int trimEnd(int from, int end) {
    while (end > from && path.charAt(end - 1) <= ' ') {
      end--;
    }
    return end;
  }

  /**
   * Where the path applied to each element (after {@code #.} or a query's {@code .}) ends: at the
   * {@code |} GJSON's {@code splitPossiblePipe} picks, else at {@code end}. GJSON skips the
   * brackets of a {@code .#(...)} or {@code .#[...]} and the character right after {@code .#},
   * but no other bracket, so a {@code |} inside a multipath would cut the path there: such a path
   * is refused. A path that starts with {@code {} is split only by a {@code |} right after its
   * closing brace.
   *
   * @param from where the path applied to each element starts
   * @param end the end of the path being parsed
   * @return the index of the {@code |} that ends it, or {@code end}
   */
  int eachEnd(int from, int end) {
    int bar = gjsonPipe(from, end);
    if (bar < end && !topLevel(from, bar)) {
      throw error(
          bar,
          "a '|' inside brackets after '#.' or a query: GJSON ends the path applied to each"
              + " element here; use '.' or move the '|' out of the brackets");
    }
    return bar;
  }

  private int gjsonPipe(int from, int end) {
    if (path.charAt(from) == '{') {
      int close = squashEnd(from + 1, end);
      return close < end && path.charAt(close) == '|' ? close : end;
    }
    for (int i = from; i < end; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '|') {
        return i;
      } else if (c == '.' && i + 1 < end && path.charAt(i + 1) == '#') {
        i += 2;
        if (i < end && (path.charAt(i) == '(' || path.charAt(i) == '[')) {
          i = groupEnd(i, end);
        }
      }
    }
    return end;
  }

  /** The end of a {@code .#(...)} group as GJSON skips it: its own kind of bracket only. */
  private int groupEnd(int open, int end) {
    char start = path.charAt(open);
    char stop = start == '(' ? ')' : ']';
    int depth = 1;
    for (int i = open + 1; i < end; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == start) {
        depth++;
      } else if (c == stop && --depth == 0) {
        return i;
      } else if (c == '"') {
        i = skipString(i, end);
      }
    }
    return end;
  }

  /**
   * GJSON's {@code squash} of {@code path[from, end)}: one past the value that starts at {@code
   * from}, its first character taken as an opening bracket unless it is a quote.
   */
  private int squashEnd(int from, int end) {
    if (from == end) {
      return end;
    }
    int depth = path.charAt(from) == '"' ? 0 : 1;
    for (int i = depth == 0 ? from : from + 1; i < end; i++) {
      char c = path.charAt(i);
      if (c == '"') {
        i = skipString(i, end);
        if (depth == 0) {
          return Math.min(i + 1, end);
        }
      } else if (c == '{' || c == '[' || c == '(') {
        depth++;
      } else if ((c == '}' || c == ']' || c == ')') && --depth == 0) {
        return i + 1;
      }
    }
    return end;
  }

  /** The index of the quote closing the string at {@code open}, or {@code end}. */
  private int skipString(int open, int end) {
    for (int i = open + 1; i < end; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return end;
  }

  /** Whether {@code pos} is outside every bracket and string opened from {@code from}. */
  private boolean topLevel(int from, int pos) {
    int depth = 0;
    for (int i = from; i < pos; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        i = skipString(i, pos);
        if (i == pos) {
          return false;
        }
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if (c == ']' || c == ')' || c == '}') {
        depth--;
      }
    }
    return depth == 0;
  }

  /**
   * The index of the bracket closing the one at {@code open}, skipping strings and escapes and
   * requiring every bracket inside to be closed by its own kind.
   */
  int closing(int open, int end) {
    StringBuilder expected = new StringBuilder();
    for (int i = open; i < end; i++) {
      char c = path.charAt(i);
      switch (c) {
        case '\\' -> {
          if (++i == end) {
            throw error(i, "expected a character after '\\'");
          }
        }
        case '"' -> i = stringEnd(i, end);
        case '[' -> expected.append(']');
        case '(' -> expected.append(')');
        case '{' -> expected.append('}');
        case ']', ')', '}' -> {
          char want = expected.charAt(expected.length() - 1);
          if (c != want) {
            throw error(i, "expected '" + want + "' but found '" + c + "'");
          }
          expected.setLength(expected.length() - 1);
          if (expected.isEmpty()) {
            return i;
          }
        }
        default -> {}
      }
    }
    throw error(
        open,
        "unbalanced '"
            + path.charAt(open)
            + "': expected '"
            + expected.charAt(expected.length() - 1)
            + "' before the end");
  }

  /** The index of the {@code "} closing the string opened at {@code open}. */
  int stringEnd(int open, int end) {
    for (int i = open + 1; i < end; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw error(open, "unterminated string: expected '\"'");
  }

  /** The JSON string between the quotes at {@code open} and {@code close}, unescaped. */
  String decodeString(int open, int close) {
    StringBuilder out = new StringBuilder(close - open);
    for (int i = open + 1; i < close; i++) {
      char c = path.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = path.charAt(++i);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= close || !isHex(path.substring(i + 1, i + 5))) {
            throw error(i - 1, "expected four hexadecimal digits after '\\u'");
          }
          out.append((char) Integer.parseInt(path.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default ->
            throw error(
                i - 1,
                "invalid escape '\\"
                    + e
                    + "' in a string: expected one of \\\" \\\\ \\/ \\b \\f"
                    + " \\n \\r \\t \\uXXXX");
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }
}
