package dev.kserve4j.api.gjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Evaluates an {@link Expr} against a Jackson tree with GJSON's semantics. A value is null where
 * GJSON's result would not exist. Stateless; every evaluation keeps its state on the stack.
 */
final class Evaluator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Evaluator() {}

  /**
   * GJSON's {@code Get} of a compiled path on a value.
   *
   * @param expr the compiled path
   * @param value the value, or null for none (then only literals and multipaths yield anything)
   * @return what the path selects, or null
   */
  static JsonNode eval(Expr expr, JsonNode value) {
    return switch (expr) {
      case Expr.Chain chain -> chain(chain, value);
      case Expr.This self -> then(self.then(), value);
      case Expr.Literal literal -> then(literal.then(), literal.value().deepCopy());
      case Expr.Multi multi -> then(multi.then(), multi(multi, value));
    };
  }

  private static JsonNode then(Expr next, JsonNode value) {
    return next == null ? value : eval(next, value);
  }

  private static JsonNode multi(Expr.Multi multi, JsonNode value) {
    if (multi.object()) {
      ObjectNode out = NODES.objectNode();
      for (Expr.Member member : multi.members()) {
        JsonNode result = eval(member.path(), value);
        if (result != null && !out.has(member.name())) {
          out.set(member.name(), result);
        }
      }
      return out;
    }
    ArrayNode out = NODES.arrayNode(multi.members().size());
    for (Expr.Member member : multi.members()) {
      add(out, eval(member.path(), value));
    }
    return out;
  }

  /**
   * What one walk of a chain found. {@code value} is what GJSON keeps as its result (a {@link
   * MissingNode} for a match whose remaining path found nothing); {@code pipe} is the piped path
   * GJSON applies to it afterwards, set only once the walk reached the component that the pipe
   * follows (the last one set wins, as in GJSON).
   */
  private static final class Walk {
    JsonNode value;
    Expr pipe;

    boolean hasValue() {
      return value != null && !value.isMissingNode();
    }
  }

  private static JsonNode chain(Expr.Chain chain, JsonNode value) {
    if (value == null || !value.isContainerNode()) {
      return null;
    }
    Walk walk = new Walk();
    walkFrom(chain, 0, value, walk);
    JsonNode result = walk.hasValue() ? walk.value : null;
    return walk.pipe != null ? eval(walk.pipe, result) : result;
  }

  /**
   * Walks the chain's components from {@code i} in {@code container}; true when it hit (GJSON's
   * signal to stop trying other keys that match a wildcard).
   */
  private static boolean walkFrom(Expr.Chain chain, int i, JsonNode container, Walk walk) {
    if (i == chain.keys().size()) {
      return tail(chain, container, walk);
    }
    Expr.Key key = chain.keys().get(i);
    boolean last = i == chain.keys().size() - 1 && chain.tail() == null;
    if (last && chain.then() != null && (container.isObject() || chain.arrayPipes())) {
      walk.pipe = chain.then();
    }
    if (container.isObject()) {
      if (key.pattern() == null) {
        JsonNode child = container.get(key.text());
        return child != null && step(chain, i, child, last, walk);
      }
      for (Map.Entry<String, JsonNode> field : container.properties()) {
        if (key.pattern().matches(field.getKey()) && step(chain, i, field.getValue(), last, walk)) {
          return true;
        }
      }
      return false;
    }
    long index = key.index();
    return index >= 0
        && index < container.size()
        && step(chain, i, container.get((int) index), last, walk);
  }

  private static boolean step(Expr.Chain chain, int i, JsonNode child, boolean last, Walk walk) {
    if (last) {
      walk.value = child;
      return true;
    }
    return child.isContainerNode() && walkFrom(chain, i + 1, child, walk);
  }

  private static boolean tail(Expr.Chain chain, JsonNode container, Walk walk) {
    Expr then = chain.then();
    switch (chain.tail()) {
      case Expr.Count count -> {
        pipe(walk, then);
        JsonNode found =
            container.isArray() ? IntNode.valueOf(container.size()) : container.get("#");
        if (found == null) {
          return false;
        }
        walk.value = found;
        return true;
      }
      case Expr.MapAll map -> {
        if (!container.isArray()) {
          // GJSON reads "#.@this", "#.[..]" or "#.{..}" on an object as the key "#", then a pipe.
          pipe(walk, map.objectPipe());
          JsonNode found = map.objectPipe() == null ? null : container.get("#");
          walk.value = found != null ? found : walk.value;
          return found != null;
        }
        pipe(walk, then);
        ArrayNode out = NODES.arrayNode(container.size());
        for (JsonNode element : container) {
          add(out, eval(map.each(), element));
        }
        walk.value = out;
        return true;
      }
      case Expr.Query query -> {
        if (!container.isArray()) {
          pipe(walk, query.objectPipe());
          return false;
        }
        if (query.each() == null) {
          pipe(walk, then);
        }
        return query.all()
            ? queryAll(query, then, container, walk)
            : queryFirst(query, then, container, walk);
      }
    }
  }

  private static void pipe(Walk walk, Expr pipe) {
    if (pipe != null) {
      walk.pipe = pipe;
    }
  }

  private static void add(ArrayNode out, JsonNode result) {
    if (result != null) {
      out.add(result);
    }
  }

  private static boolean queryFirst(Expr.Query query, Expr then, JsonNode array, Walk walk) {
    for (JsonNode element : array) {
      if (matches(query, element)) {
        pipe(walk, then);
        JsonNode result = query.each() == null ? element : eval(query.each(), element);
        walk.value = result == null ? MissingNode.getInstance() : result;
        return true;
      }
    }
    return false;
  }

  /** Never a hit: GJSON goes on trying other wildcard keys, keeping the first array it built. */
  private static boolean queryAll(Expr.Query query, Expr then, JsonNode array, Walk walk) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode element : array) {
      if (matches(query, element)) {
        pipe(walk, then);
        add(out, query.each() == null ? element : eval(query.each(), element));
      }
    }
    if (!walk.hasValue()) {
      walk.value = out;
    }
    return false;
  }

  /**
   * Whether an array element matches a query: the query's path is read from an object or array
   * element (no path reads its key {@code ""}, as GJSON's empty path does); a scalar element is
   * compared itself, and only by a query without a path.
   */
  private static boolean matches(Expr.Query query, JsonNode element) {
    JsonNode read;
    if (element.isContainerNode()) {
      read =
          query.path() != null
              ? eval(query.path(), element)
              : element.isObject() ? element.get("") : null;
    } else if (query.path() != null) {
      return false;
    } else {
      read = element;
    }
    return query.condition().matches(read);
  }
}
