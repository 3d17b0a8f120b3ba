package dev.kserve4j.router;

import dev.kserve4j.api.gjson.GjsonPath;
import java.util.Optional;

/**
 * One step of a node, checked and compiled.
 *
 * @param node the node it belongs to
 * @param index its index in the node
 * @param name its name ({@code ""} when unnamed)
 * @param nodeName the node it runs, or {@code null}
 * @param serviceName the InferenceService it calls, or {@code null}
 * @param serviceUrl the URL it calls, or {@code null} (for a {@code serviceName} step, the URL the
 *     operator resolved, when it did)
 * @param response whether it receives the previous response ({@code data: $response})
 * @param mapPredictionsToInstances whether {@code predictions} becomes {@code instances}
 * @param weight the Splitter weight (0 for other nodes)
 * @param condition the compiled condition, or {@code null}
 * @param hard whether its dependency is {@code Hard}
 */
public record GraphStep(
    String node,
    int index,
    String name,
    String nodeName,
    String serviceName,
    String serviceUrl,
    boolean response,
    boolean mapPredictionsToInstances,
    long weight,
    GjsonPath condition,
    boolean hard) {

  /** How the step is named in errors and metrics: its name, or its index when unnamed. */
  public String label() {
    return name.isEmpty() ? Integer.toString(index) : name;
  }

  /** Its condition, when it has one. */
  public Optional<GjsonPath> conditionPath() {
    return Optional.ofNullable(condition);
  }

  /** What it calls, for errors: the node, service or URL. */
  public String target() {
    if (nodeName != null) {
      return "node \"" + nodeName + "\"";
    }
    if (serviceName != null) {
      return "InferenceService \"" + serviceName + "\"";
    }
    return serviceUrl;
  }

  /** {@code step "label" of node "node"}, the way errors name a step. */
  public String describe() {
    return "step \"" + label() + "\" of node \"" + node + "\"";
  }
}
