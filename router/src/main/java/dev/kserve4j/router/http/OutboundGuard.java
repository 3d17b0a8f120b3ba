package dev.kserve4j.router.http;

import dev.kserve4j.api.validation.OutboundHosts;
import dev.kserve4j.router.GraphDefinitionException;
import dev.kserve4j.router.RouterGraph;
import java.util.List;

/**
 * Which hosts a graph's {@code serviceUrl} steps may reach, checked once when the graph is loaded
 * so that a graph cannot be used to make the router call arbitrary addresses (server-side request
 * forgery): the hosts the graph's own InferenceServices resolve to (the URLs of its {@code
 * serviceName} steps), and the hosts matching an allowed pattern ({@code --allow-host}: a host name
 * where {@code *} stands for any run of characters, e.g. {@code *.models.svc.cluster.local}, with
 * an optional {@code :port}). URLs must be {@code http} or {@code https}. The rule is {@code api}'s
 * {@link OutboundHosts}, which the operator applies to the graphs it renders too.
 */
public final class OutboundGuard {
  private final OutboundHosts hosts;

  /**
   * A guard allowing, beyond the graph's services, the hosts matching {@code patterns}.
   *
   * @throws IllegalArgumentException naming a pattern that is not a host pattern
   */
  public OutboundGuard(List<String> patterns) {
    this.hosts = new OutboundHosts(patterns);
  }

  /**
   * Refuses {@code graph} when one of its {@code serviceUrl} steps is not a valid http(s) URL or
   * names a host that is neither one of its services' nor allowed.
   *
   * @throws GraphDefinitionException naming every such step, its URL and how to allow it
   */
  public void check(RouterGraph graph) {
    List<String> problems = hosts.refusals(graph.spec());
    if (!problems.isEmpty()) {
      throw new GraphDefinitionException(graph.name(), problems);
    }
  }
}
