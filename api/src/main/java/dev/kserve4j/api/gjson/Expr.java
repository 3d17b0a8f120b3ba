package dev.kserve4j.api.gjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A compiled GJSON path: what GJSON would do with the path text, decided once. Every node is
 * immutable.
 */
sealed interface Expr permits Expr.Chain, Expr.This, Expr.Literal, Expr.Multi {

  /**
   * Dot-separated components walked from an object or array ({@code a.b.0}), ending in a key or in
   * one of the array operations ({@code #}, {@code #.rest}, {@code #(...)}), then optionally a
   * piped path applied to the chain's result.
   *
   * @param keys the key or index components, in order (may be empty when the chain is only a tail)
   * @param tail the array operation ending the chain, or null when it ends with a key
   * @param then the path after {@code |} (or after a {@code .} that starts a modifier or a
   *     multipath), applied to what the chain selected; null when none
   * @param arrayPipes whether {@code then} is applied when the last key meets an array (GJSON
   *     splits a component met in an array at its first {@code .} or {@code |}, escaped or not, and
   *     a component holding {@code #} is never followed by a {@code .}-pipe there)
   */
  record Chain(List<Key> keys, Tail tail, Expr then, boolean arrayPipes) implements Expr {
    public Chain {
      keys = List.copyOf(keys);
    }
  }

  /**
   * One key component.
   *
   * @param text the key with its escapes removed
   * @param pattern the {@code *}/{@code ?} pattern when the component holds an unescaped wildcard,
   *     else null (then the key is compared exactly)
   * @param index the array index the component names, or -1 when it names none
   */
  record Key(String text, WildcardPattern pattern, long index) {}

  /** The array operation that ends a chain. */
  sealed interface Tail permits Count, MapAll, Query {}

  /** {@code #}: the number of elements of an array. */
  record Count() implements Tail {}

  /**
   * {@code #.each}: {@code each} applied to every element, the results that exist in an array.
   *
   * @param each the path applied to every element
   * @param objectPipe what GJSON applies (to nothing) when the {@code #} meets an object: it reads
   *     {@code #.[...]}, {@code #.{...}} or {@code #.@this...} there as the key {@code #} followed
   *     by a pipe; null when it applies nothing
   */
  record MapAll(Expr each, Expr objectPipe) implements Tail {}

  /**
   * {@code #(path op value)} (first match) or {@code #(...)#} (all matches).
   *
   * @param path the path read from each element, or null to compare the element itself
   * @param condition what the value read must satisfy
   * @param all whether every match is collected ({@code #(...)#}) rather than the first
   * @param each the path applied to each match before it is returned, or null
   * @param objectPipe what GJSON applies (to nothing) when the query meets an object, where it
   *     reads the query as a key followed by a pipe; null when it applies nothing
   */
  record Query(Expr path, Condition condition, boolean all, Expr each, Expr objectPipe)
      implements Tail {}

  /**
   * {@code @this}: the current value.
   *
   * @param then the path applied to it, or null
   */
  record This(Expr then) implements Expr {}

  /**
   * {@code !value}: a constant JSON value, whatever the document holds.
   *
   * @param value the constant (copied before it is handed out)
   * @param then the path applied to it, or null
   */
  record Literal(JsonNode value, Expr then) implements Expr {}

  /**
   * {@code [a,b]} or {@code {a,b}}: a new array or object of the members' values that exist.
   *
   * @param object whether an object is built rather than an array
   * @param members the member paths, with the names an object gives them
   * @param then the path applied to the built value, or null
   */
  record Multi(boolean object, List<Member> members, Expr then) implements Expr {
    public Multi {
      members = List.copyOf(members);
    }
  }

  /**
   * One member of a multipath.
   *
   * @param name the key it gets in an object (unused in an array)
   * @param path the path evaluated against the current value
   */
  record Member(String name, Expr path) {}
}
