package dev.kserve4j.api.gjson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns GJSON path text into an {@link Expr}, splitting it where GJSON's {@code Get} does: a
 * modifier, literal or multipath at the start of a path, else a chain of keys; {@code |} and a
 * {@code .} followed by {@code @}, {@code [} or {@code {} hand the rest to a new path. Errors name
 * the position in the whole path.
 */
final class PathParser extends PathLexer {
  /** GJSON's built-in modifiers; all but {@code @this} are refused as unsupported. */
  private static final Set<String> BUILT_IN_MODIFIERS =
      Set.of(
          "pretty", "ugly", "reverse", "this", "flatten", "join", "valid", "keys", "values",
          "tostr", "fromstr", "group", "dig");

  private static final ObjectReader LITERALS =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().reader();

  private PathParser(String path) {
    super(path);
  }

  /**
   * Compiles a whole path.
   *
   * @param path the path text
   * @return the compiled path
   * @throws GjsonSyntaxException when the path is malformed or uses refused syntax
   */
  static Expr parse(String path) {
    PathParser parser = new PathParser(path);
    if (path.isEmpty()) {
      throw parser.error(0, "empty path: expected a key, '#', '@this', '!', '[' or '{'");
    }
    if (path.startsWith("..")) {
      throw parser.error(0, "the '..' JSON Lines prefix is not supported");
    }
    return parser.expr(0, path.length());
  }

  /** Parses {@code path[start, end)} as a complete path: GJSON's {@code Get} on that text. */
  Expr expr(int start, int end) {
    if (start >= end) {
      throw error(start, "expected a path");
    }
    return switch (path.charAt(start)) {
      case '@' -> modifier(start, end);
      case '!' -> literal(start, end);
      case '[', '{' -> multipath(start, end);
      default -> chain(start, end);
    };
  }

  /**
   * What follows a modifier, a literal or a multipath: nothing, or {@code .} / {@code |} and a path
   * applied to its value.
   */
  private Expr continuation(int pos, int end, String after) {
    if (pos == end) {
      return null;
    }
    char c = path.charAt(pos);
    if (c != '.' && c != '|') {
      throw error(pos, "expected '.' or '|' after " + after);
    }
    if (pos + 1 == end) {
      throw error(pos + 1, "expected a path after '" + c + "'");
    }
    return expr(pos + 1, end);
  }

  private Expr modifier(int start, int end) {
    int i = start + 1;
    while (i < end && ".|:".indexOf(path.charAt(i)) < 0) {
      i++;
    }
    String name = path.substring(start + 1, i);
    if (name.isEmpty()) {
      throw error(start + 1, "expected a modifier name after '@'");
    }
    if (!name.equals("this")) {
      throw error(
          start,
          BUILT_IN_MODIFIERS.contains(name)
              ? "modifier @" + name + " is not supported (only @this is)"
              : "unknown modifier @" + name + " (only @this is supported)");
    }
    if (i < end && path.charAt(i) == ':') {
      throw error(i, "modifier arguments are not supported");
    }
    return new Expr.This(continuation(i, end, "@this"));
  }

  private Expr literal(int start, int end) {
    int from = start + 1;
    if (from == end) {
      throw error(from, "expected a JSON value after '!'");
    }
    char c = path.charAt(from);
    int stop;
    boolean last = false;
    if (c == '{' || c == '[') {
      stop = closing(from, end) + 1;
    } else if (c == '"') {
      stop = stringEnd(from, end) + 1;
      last = true;
    } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      stop = from;
      while (stop < end && "0123456789+-.eE".indexOf(path.charAt(stop)) >= 0) {
        stop++;
      }
      last = true;
    } else {
      stop = from;
      while (stop < end && path.charAt(stop) != '.' && path.charAt(stop) != '|') {
        stop++;
      }
      String word = path.substring(from, stop);
      if (word.equalsIgnoreCase("nan") || word.equalsIgnoreCase("inf")) {
        throw error(from, "literal !" + word + " is not supported (JSON has no NaN or infinity)");
      }
      if (!word.equals("true") && !word.equals("false") && !word.equals("null")) {
        throw error(
            from,
            "unknown literal !"
                + word
                + ": expected a JSON object, array, string or number, true, false or null");
      }
    }
    JsonNode value;
    try {
      value = LITERALS.readTree(path.substring(from, stop));
    } catch (JacksonException e) {
      throw error(from, "invalid JSON literal: " + e.getOriginalMessage());
    }
    if (last && stop < end) {
      throw error(stop, "a string or number literal must end the path");
    }
    return new Expr.Literal(value, continuation(stop, end, "the literal"));
  }

  private Expr multipath(int start, int end) {
    boolean object = path.charAt(start) == '{';
    int close = closing(start, end);
    List<Expr.Member> members = new ArrayList<>();
    int memberStart = start + 1;
    int colon = -1;
    boolean modifierSeen = false;
    int depth = 0;
    for (int i = start + 1; i <= close; i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        i = stringEnd(i, close);
      } else if (c == '@') {
        modifierSeen |= colon < 0 && "|.".indexOf(path.charAt(i - 1)) >= 0;
      } else if (c == ':' && depth == 0 && colon < 0 && !modifierSeen) {
        colon = i;
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if ((c == ']' || c == ')' || c == '}') && depth > 0) {
        depth--;
      } else if ((c == ',' && depth == 0) || i == close) {
        members.add(member(object, memberStart, colon, i));
        memberStart = i + 1;
        colon = -1;
        modifierSeen = false;
      }
    }
    return new Expr.Multi(
        object, members, continuation(close + 1, end, "'" + path.charAt(close) + "'"));
  }

  private Expr.Member member(boolean object, int start, int colon, int end) {
    int from = colon < 0 ? start : colon + 1;
    if (from == end) {
      throw error(from, "expected a path in the multipath");
    }
    Expr expr = expr(from, end);
    String name = colon < 0 ? "" : path.substring(start, colon);
    if (!object) {
      return new Expr.Member(name, expr);
    }
    if (name.startsWith("\"")) {
      int quote = stringEnd(start, colon);
      if (quote != colon - 1) {
        throw error(quote + 1, "expected ':' after the quoted name");
      }
      name = decodeString(start, quote);
    } else if (name.isEmpty()) {
      name = defaultName(path.substring(from, end));
    }
    return new Expr.Member(name, expr);
  }

  /**
   * GJSON's name for an unnamed object member: its last component (after the last {@code .} or
   * {@code |} not directly preceded by {@code \}, escapes kept) when that holds none of {@code
   * []{}()#|!} nor a control character, else {@code _}.
   */
  private static String defaultName(String memberPath) {
    String last = memberPath;
    for (int i = memberPath.length() - 1; i >= 0; i--) {
      char c = memberPath.charAt(i);
      if ((c == '|' || c == '.') && (i == 0 || memberPath.charAt(i - 1) != '\\')) {
        last = memberPath.substring(i + 1);
        break;
      }
    }
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (c < ' ' || "[]{}()#|!".indexOf(c) >= 0) {
        return "_";
      }
    }
    return last;
  }

  private Expr chain(int start, int end) {
    List<Expr.Key> keys = new ArrayList<>();
    int i = start;
    while (true) {
      if (path.charAt(i) == '#' && (i + 1 == end || "|.([".indexOf(path.charAt(i + 1)) >= 0)) {
        return arrayTail(keys, i, end);
      }
      int stop = key(keys, i, end);
      if (stop == end) {
        return new Expr.Chain(keys, null, null, false);
      }
      char split = path.charAt(stop);
      if (stop + 1 == end) {
        throw error(
            stop + 1, "expected a " + (split == '.' ? "key" : "path") + " after '" + split + "'");
      }
      char next = path.charAt(stop + 1);
      if (split == '|' || next == '@' || next == '[' || next == '{') {
        String raw = path.substring(i, stop);
        boolean arrayPipes =
            raw.indexOf('.') < 0 && raw.indexOf('|') < 0 && (split == '|' || raw.indexOf('#') < 0);
        return new Expr.Chain(keys, null, expr(stop + 1, end), arrayPipes);
      }
      i = stop + 1;
    }
  }

  /** Reads one key component from {@code start}; returns where it stops ('.', '|' or end). */
  private int key(List<Expr.Key> keys, int start, int end) {
    StringBuilder text = new StringBuilder();
    boolean wild = false;
    boolean escaped = false;
    int i = start;
    for (; i < end; i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '|') {
        break;
      }
      if (c == '\\') {
        if (++i == end) {
          throw error(i, "expected a character after '\\'");
        }
        escaped = true;
        c = path.charAt(i);
      } else if (c == '*' || c == '?') {
        wild = true;
      } else if ("[](){}".indexOf(c) >= 0) {
        throw error(
            i,
            "unexpected '"
                + c
                + "' in a key (GJSON has no bracket syntax here: write an index as '.0',"
                + " a query as '#(...)', or escape it as '\\"
                + c
                + "')");
      }
      text.append(c);
    }
    if (i == start) {
      throw error(
          start,
          start > 0 && path.charAt(start - 1) == '.'
              ? "expected a key after '.'"
              : "expected a key");
    }
    String name = text.toString();
    keys.add(
        new Expr.Key(
            name, wild ? WildcardPattern.compile(name) : null, escaped ? -1 : index(name)));
    return i;
  }

  /**
   * The index GJSON reads from a component: ASCII digits only (leading zeros allowed), the value
   * wrapping as Go's uint64 does; -1 when it is no index.
   */
  private static long index(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n < 0 ? -1 : n;
  }

  /** {@code #}, {@code #.rest} or a query, at {@code hash}; ends the chain. */
  private Expr arrayTail(List<Expr.Key> keys, int hash, int end) {
    if (hash + 1 == end) {
      return new Expr.Chain(keys, new Expr.Count(), null, false);
    }
    char next = path.charAt(hash + 1);
    if (next == '|') {
      return new Expr.Chain(keys, new Expr.Count(), pipe(hash + 1, end), false);
    }
    if (next == '.') {
      int from = hash + 2;
      if (from == end) {
        throw error(from, "expected a path after '#.'");
      }
      int bar = eachEnd(from, end);
      Expr objectPipe = "@[{".indexOf(path.charAt(from)) >= 0 ? expr(from, end) : null;
      return new Expr.Chain(
          keys, new Expr.MapAll(expr(from, bar), objectPipe), pipe(bar, end), false);
    }
    return QueryParser.parse(this, keys, hash, end);
  }

  /** The path after the {@code |} at {@code bar}, or null when {@code bar} is the end. */
  Expr pipe(int bar, int end) {
    if (bar == end) {
      return null;
    }
    if (bar + 1 == end) {
      throw error(bar + 1, "expected a path after '|'");
    }
    return expr(bar + 1, end);
  }
}
