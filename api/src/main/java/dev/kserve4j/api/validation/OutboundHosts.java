package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts an InferenceGraph's {@code serviceUrl} steps may reach, so that a graph cannot be
 * used to make its router call arbitrary addresses (server-side request forgery): the hosts the
 * graph's own InferenceServices resolve to (the URLs of its {@code serviceName} steps, filled in as
 * the router receives the graph), and the hosts matching an allowed pattern (a host name where
 * {@code *} stands for any run of characters, e.g. {@code *.models.svc.cluster.local}, with an
 * optional {@code :port}). URLs must be {@code http} or {@code https}. The router refuses a graph
 * that breaks this at start ({@code kserve4j router --allow-host}); the operator checks the graph
 * it renders in the same way, to report the refusal in the graph's status instead of starting a
 * router that would exit.
 */
public final class OutboundHosts {
  private final List<String> patterns;
  private final List<Pattern> compiled;

  /**
   * A policy allowing, beyond the graph's own services, the hosts matching {@code patterns}.
   *
   * @throws IllegalArgumentException naming a pattern that is not a host pattern
   */
  public OutboundHosts(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.compiled = this.patterns.stream().map(OutboundHosts::glob).toList();
  }

  /** The allowed host patterns, as given. */
  public List<String> patterns() {
    return patterns;
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
   * Every {@code serviceUrl} step of {@code spec} that is not a valid http(s) URL or names a host
   * that is neither one of its services' nor allowed, each naming the step, its URL and how to
   * allow it; empty when the graph may run.
   */
  public List<String> refusals(InferenceGraphSpec spec) {
    List<Step> steps = steps(spec);
    Set<String> own = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (Step step : steps) {
      if (step.service() != null && step.url() != null) {
        parse(step, problems).ifPresent(u -> own.add(u.getHost().toLowerCase(Locale.ROOT)));
      }
    }
    for (Step step : steps) {
      if (step.url() == null || step.service() != null) {
        continue;
      }
      parse(step, problems)
          .filter(u -> !allowed(u, own))
          .ifPresent(
              u ->
                  problems.add(
                      step.describe()
                          + ": serviceUrl "
                          + step.url()
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
    return problems;
  }

  /** A step calling a service or URL: where it is, its service and its URL (null when unset). */
  private record Step(String node, int index, String name, String service, String url) {
    String describe() {
      return "step \""
          + (name == null || name.isEmpty() ? Integer.toString(index) : name)
          + "\" of node \""
          + node
          + "\"";
    }
  }

  private static List<Step> steps(InferenceGraphSpec spec) {
    Map<String, InferenceRouter> nodes = spec == null ? null : spec.getNodes();
    List<Step> out = new ArrayList<>();
    if (nodes == null) {
      return out;
    }
    nodes.forEach(
        (node, router) -> {
          List<InferenceStep> steps =
              router == null || router.steps() == null ? List.of() : router.steps();
          for (int i = 0; i < steps.size(); i++) {
            InferenceStep s = steps.get(i);
            if (s != null && blankToNull(s.nodeName()) == null) {
              out.add(
                  new Step(
                      node,
                      i,
                      s.name(),
                      blankToNull(s.serviceName()),
                      blankToNull(s.serviceUrl())));
            }
          }
        });
    return out;
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

  private static Optional<URI> parse(Step step, List<String> problems) {
    try {
      URI u = new URI(step.url());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        step.describe()
            + ": serviceUrl \""
            + step.url()
            + "\" is not an http(s) URL with a host (expected e.g."
            + " http://model.default.svc.cluster.local/v1/models/model:predict)");
    return Optional.empty();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
