package dev.kserve4j.router;

import java.util.List;

/**
 * A graph that cannot run, refused when it is loaded, with every problem found (each names the node
 * and step).
 */
public final class GraphDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /** A graph refused for {@code problems}. */
  public GraphDefinitionException(String graph, List<String> problems) {
    super(
        "InferenceGraph \""
            + graph
            + "\" cannot run: "
            + (problems.size() == 1 ? problems.get(0) : String.join("; ", problems)));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one per entry. */
  public List<String> problems() {
    return problems;
  }
}
