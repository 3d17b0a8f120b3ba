package dev.kserve4j.router;

import dev.kserve4j.api.v1alpha1.RouterType;
import java.util.List;

/**
 * A node of a compiled graph.
 *
 * @param name its name
 * @param type how it runs its steps
 * @param steps its steps, in order
 */
public record GraphNode(String name, RouterType type, List<GraphStep> steps) {
  public GraphNode {
    steps = List.copyOf(steps);
  }
}
