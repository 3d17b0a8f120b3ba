package dev.kserve4j.api.gjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A compiled GJSON path, evaluated on Jackson trees with the answers GJSON ({@code
 * github.com/tidwall/gjson} v1.18) gives for the same path on the same JSON. Compile once, then
 * evaluate as often as needed from any number of threads: instances are immutable, and evaluation
 * compiles nothing.
 *
 * <p>{@link #get} returns nodes of the document itself where the path selects one, and new nodes
 * where it builds one ({@code #}, {@code #.x}, {@code #(...)#}, multipaths); callers must not
 * modify what they get. See the package documentation for the syntax supported and refused.
 */
public final class GjsonPath {
  private final String path;
  private final Expr expr;

  private GjsonPath(String path, Expr expr) {
    this.path = path;
    this.expr = expr;
  }

  /**
   * Compiles a path.
   *
   * @param path the GJSON path, such as {@code predictions.#(label=="dog")}
   * @return the compiled path
   * @throws GjsonSyntaxException naming the position and what was expected, for a path GJSON could
   *     not mean (unbalanced brackets or parentheses, an unterminated string, a query without an
   *     operand, an unknown modifier, an empty path, ...) or syntax this package refuses
   * @throws NullPointerException when {@code path} is null
   */
  public static GjsonPath compile(String path) {
    return new GjsonPath(path, PathParser.parse(path));
  }

  /**
   * The value the path selects in the document.
   *
   * @param document the JSON document (null or a missing node selects nothing, except for a path
   *     that builds its value from literals or a multipath)
   * @return the value, or empty where GJSON's {@code Exists()} is false
   */
  public Optional<JsonNode> get(JsonNode document) {
    JsonNode value = document == null || document.isMissingNode() ? null : document;
    return Optional.ofNullable(Evaluator.eval(expr, value));
  }

  /**
   * Whether the path selects anything in the document: GJSON's {@code Get(json, path).Exists()},
   * which is how an InferenceGraph step's {@code condition} is decided.
   *
   * @param document the JSON document
   * @return {@code get(document).isPresent()}
   */
  public boolean exists(JsonNode document) {
    return get(document).isPresent();
  }

  /** The path as it was compiled. */
  public String path() {
    return path;
  }

  @Override
  public String toString() {
    return path;
  }
}
