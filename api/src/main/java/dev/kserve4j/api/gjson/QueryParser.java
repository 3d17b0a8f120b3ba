package dev.kserve4j.api.gjson;

import java.util.List;

/**
 * Parses a query {@code #(path op value)} / {@code #(...)#} (or the older {@code #[...]}) the way
 * GJSON splits it: the operator starts at the first {@code !}, {@code =}, {@code <}, {@code >} or
 * {@code %} outside nested brackets and strings; what is left of it is a path read from each
 * element, what is right of it (trimmed) the value, quoted as a JSON string or written bare.
 */
final class QueryParser {
  private QueryParser() {}

  /**
   * Parses the query at {@code hash} (the {@code #} before its bracket) and what follows it.
   *
   * @param p the parser of the whole path
   * @param keys the keys of the chain the query ends
   * @param hash the index of the query's {@code #}
   * @param end the end of the path being parsed
   * @return the chain ending in the query
   */
  static Expr parse(PathParser p, List<Expr.Key> keys, int hash, int end) {
    String path = p.path;
    char open = path.charAt(hash + 1);
    char want = open == '(' ? ')' : ']';
    int opStart = -1;
    int close = -1;
    int depth = 1;
    for (int k = hash + 2; k < end && close < 0; k++) {
      char c = path.charAt(k);
      if (depth == 1 && opStart < 0 && "!=<>%".indexOf(c) >= 0) {
        opStart = k;
      } else if (c == '\\') {
        if (++k == end) {
          throw p.error(k, "expected a character after '\\'");
        }
      } else if (c == '[' || c == '(') {
        depth++;
      } else if ((c == ']' || c == ')') && --depth == 0) {
        close = k;
      } else if (c == '"') {
        k = p.stringEnd(k, end);
      }
    }
    if (close < 0) {
      throw p.error(hash + 1, "unbalanced '" + open + "': expected '" + want + "' before the end");
    }
    if (path.charAt(close) != want) {
      throw p.error(close, "expected '" + want + "' but found '" + path.charAt(close) + "'");
    }
    Expr read;
    Condition condition;
    if (opStart < 0) {
      int from = p.trimStart(hash + 2, close);
      if (from == close) {
        throw p.error(
            hash + 2,
            "empty query: expected a path, a comparison or both inside '#" + open + want + "'");
      }
      read = p.expr(from, p.trimEnd(from, close));
      condition = Condition.EXISTS;
    } else {
      int from = p.trimStart(hash + 2, opStart);
      read = from == opStart ? null : p.expr(from, p.trimEnd(from, opStart));
      condition = condition(p, opStart, p.trimEnd(opStart, close), want);
    }
    int q = close + 1;
    boolean all = q < end && path.charAt(q) == '#';
    if (all) {
      q++;
    }
    Expr objectPipe = objectPipe(p, hash, close, q, end);
    Expr.Query query;
    int bar;
    if (q == end || path.charAt(q) == '|') {
      query = new Expr.Query(read, condition, all, null, objectPipe);
      bar = q;
    } else if (path.charAt(q) != '.') {
      throw p.error(
          q, (all ? "expected '.' or '|'" : "expected '.', '|' or '#'") + " after the query");
    } else if (q + 1 == end) {
      throw p.error(q + 1, "expected a path after '.'");
    } else {
      bar = p.eachEnd(q + 1, end);
      query = new Expr.Query(read, condition, all, p.expr(q + 1, bar), objectPipe);
    }
    return new Expr.Chain(keys, query, p.pipe(bar, end), false);
  }

  /**
   * What GJSON applies when the query meets an object: there it reads the text from {@code #} up
   * to the first unescaped {@code .} or {@code |} as a key, and a {@code |} (or a {@code .}
   * before {@code @}, {@code [} or {@code {}) right after the query pipes the rest. A split
   * inside the query itself is taken to pipe nothing.
   */
  private static Expr objectPipe(PathParser p, int hash, int close, int q, int end) {
    String path = p.path;
    for (int i = hash + 2; i < close; i++) {
      if (".|\\".indexOf(path.charAt(i)) >= 0) {
        return null;
      }
    }
    if (q + 1 >= end) {
      return null;
    }
    char c = path.charAt(q);
    boolean pipes = c == '|' || (c == '.' && "@[{".indexOf(path.charAt(q + 1)) >= 0);
    return pipes ? p.expr(q + 1, end) : null;
  }

  /** The operator at {@code opStart} and the value up to {@code end} (trimmed). */
  private static Condition condition(PathParser p, int opStart, int end, char closer) {
    String path = p.path;
    String two = path.substring(opStart, Math.min(opStart + 2, end));
    Condition.Op op;
    int length = 2;
    switch (two) {
      case "!=" -> op = Condition.Op.NE;
      case "!%" -> op = Condition.Op.NOT_LIKE;
      case "<=" -> op = Condition.Op.LE;
      case ">=" -> op = Condition.Op.GE;
      case "==" -> op = Condition.Op.EQ;
      default -> {
        length = 1;
        op =
            switch (two.charAt(0)) {
              case '<' -> Condition.Op.LT;
              case '>' -> Condition.Op.GT;
              case '=' -> Condition.Op.EQ;
              case '%' -> Condition.Op.LIKE;
              default ->
                  throw p.error(opStart, "unknown operator '" + two + "': expected '!=' or '!%'");
            };
      }
    }
    int from = p.trimStart(opStart + length, end);
    if (from == end) {
      throw p.error(
          from, "expected a value after '" + path.substring(opStart, opStart + length) + "'");
    }
    String operand;
    if (path.charAt(from) == '"') {
      int quote = p.stringEnd(from, end);
      if (quote != end - 1) {
        throw p.error(quote + 1, "expected '" + closer + "' after the quoted value");
      }
      operand = p.decodeString(from, quote);
    } else {
      operand = path.substring(from, end);
    }
    Condition.Tilde tilde = Condition.Tilde.NONE;
    if (operand.startsWith("~")) {
      tilde =
          switch (operand) {
            case "~true" -> Condition.Tilde.TRUE;
            case "~false" -> Condition.Tilde.FALSE;
            case "~null" -> Condition.Tilde.NULL;
            case "~*" -> Condition.Tilde.ANY;
            default ->
                throw p.error(
                    from,
                    "unknown conversion '" + operand + "': expected ~true, ~false, ~null or ~*");
          };
    }
    return new Condition(op, operand, tilde);
  }
}
