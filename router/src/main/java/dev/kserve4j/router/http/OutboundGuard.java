package dev.kserve4j.router.http;

import dev.kserve4j.router.GraphDefinitionException;
import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.RouterGraph;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts a graph's {@code serviceUrl} steps may reach, checked once when the graph is loaded
 * so that a graph cannot be used to make the router call arbitrary addresses (server-side request
 * forgery): the hosts the graph's own InferenceServices resolve to (the URLs of its {@code
 * serviceName} steps), and the hosts matching an allowed pattern ({@code --allow-host}: a host name
 * where {@code *} stands for any run of characters, e.g. {@code *.models.svc.cluster.local}, with
 * an optional {@code :port}). URLs must be {@code http} or {@code https}.
 */
public final class OutboundGuard {
  private final List<String> patterns;
  private final List<Pattern> compiled;

  /** A guard allowing, beyond the graph's services, the hosts matching {@code patterns}. */
  public OutboundGuard(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.compiled = this.patterns.stream().map(OutboundGuard::glob).toList();
  }

  private static Pattern glob(String pattern) {
    String p = pattern.trim().toLowerCase(Locale.ROOT);
    if (p.isEmpty() || p.contains("/")) {
      throw new IllegalArgumentException(
          "--allow-host \""
              + pattern
              + "\" is not a host pattern (expected a host name, '*' for any characters, and an"
              + " optional :port, e.g. *.models.svc.cluster.local or 10.0.0.7:8080)");
    }
    StringBuilder regex = new StringBuilder();
    for (String part : p.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * Refuses {@code graph} when one of its {@code serviceUrl} steps is not a valid http(s) URL or
   * names a host that is neither one of its services' nor allowed.
   *
   * @throws GraphDefinitionException naming every such step, its URL and how to allow it
   */
  public void check(RouterGraph graph) {
    Set<String> own = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (GraphStep step : graph.serviceSteps()) {
      if (step.serviceName() != null && step.serviceUrl() != null) {
        parse(step, problems).ifPresent(u -> own.add(u.getHost().toLowerCase(Locale.ROOT)));
      }
    }
    for (GraphStep step : graph.serviceSteps()) {
      if (step.serviceUrl() == null || step.serviceName() != null) {
        continue;
      }
      parse(step, problems)
          .filter(u -> !allowed(u, own))
          .ifPresent(
              u ->
                  problems.add(
                      step.describe()
                          + ": serviceUrl "
                          + step.serviceUrl()
                          + " reaches host \""
                          + u.getHost()
                          + "\", which is none of the graph's InferenceServices "
                          + own
                          + " and matches no --allow-host pattern "
                          + patterns
                          + " (add --allow-host "
                          + u.getHost()
                          + " to allow it)"));
    }
    if (!problems.isEmpty()) {
      throw new GraphDefinitionException(graph.name(), problems);
    }
  }

  private boolean allowed(URI url, Set<String> own) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (own.contains(host)) {
      return true;
    }
    String withPort = url.getPort() < 0 ? host : host + ":" + url.getPort();
    return compiled.stream()
        .anyMatch(p -> p.matcher(host).matches() || p.matcher(withPort).matches());
  }

  private static java.util.Optional<URI> parse(GraphStep step, List<String> problems) {
    try {
      URI u = new URI(step.serviceUrl());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return java.util.Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        step.describe()
            + ": serviceUrl \""
            + step.serviceUrl()
            + "\" is not an http(s) URL with a host (expected e.g."
            + " http://model.default.svc.cluster.local/v1/models/model:predict)");
    return java.util.Optional.empty();
  }
}
