package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.server.routing.RoutedEndpoint;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.routing.ServiceRoute;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts and paths of the InferenceServices that serve, as the server's router reads them: the
 * InferenceService's host ({@code status.url}) and each component's host (e.g. {@code
 * {name}-predictor.{namespace}.{domain}}) lead to it, as does {@code /serving/{namespace}/{name}/}.
 *
 * <p>Written by the control plane (one change at a time), read by event-loop threads on every
 * request: concurrent maps, no locks on the read side.
 */
public final class ServiceRoutes implements ServiceDirectory {
  private final String domainSuffix;
  private final Map<String, ServiceRoute> byHost = new ConcurrentHashMap<>();
  private final Map<String, ServiceRoute> byName = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> hostsByName = new ConcurrentHashMap<>();
  private final Map<String, String> protocols = new ConcurrentHashMap<>();
  private final Map<String, RoutedEndpoint> endpointsByHost = new ConcurrentHashMap<>();
  private final Map<String, RoutedEndpoint> endpointsByName = new ConcurrentHashMap<>();
  private final Map<String, String> endpointHosts = new ConcurrentHashMap<>();

  /**
   * @param domain the ingress domain hosts are generated in, e.g. {@code example.com}
   */
  public ServiceRoutes(String domain) {
    this.domainSuffix = "." + requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
  }

  /** Routes {@code plan}'s hosts and path to {@code models}, replacing its previous routes. */
  void publish(InferenceServicePlan plan, Set<String> models) {
    ServiceRoute route = new ServiceRoute(plan.namespace(), plan.name(), models);
    String key = key(plan.namespace(), plan.name());
    Set<String> hosts = new HashSet<>();
    hosts.add(plan.host().toLowerCase(Locale.ROOT));
    for (ComponentPlan component : plan.components()) {
      hosts.add(component.host().toLowerCase(Locale.ROOT));
    }
    hosts.forEach(host -> byHost.put(host, route));
    Set<String> old = hostsByName.put(key, hosts);
    if (old != null) {
      old.stream().filter(host -> !hosts.contains(host)).forEach(byHost::remove);
    }
    byName.put(key, route);
    protocols.put(key, plan.predictor().protocol());
  }

  /**
   * How an InferenceGraph step calls {@code namespace/name} in-process: the model it serves and the
   * predictor's protocol ({@code v1}, {@code v2}); empty unless a revision of it serves.
   */
  Optional<ServedModel> served(String namespace, String name) {
    String key = key(namespace, name);
    ServiceRoute route = byName.get(key);
    String protocol = protocols.get(key);
    if (route == null || protocol == null || route.models().isEmpty()) {
      return Optional.empty();
    }
    // The predictor's model: served under the InferenceService's name, or the name a custom
    // container's args give it.
    String model = route.models().contains(name) ? name : route.models().iterator().next();
    return Optional.of(new ServedModel(model, protocol));
  }

  /** What {@link #served} answers: the served model's name and protocol. */
  record ServedModel(String model, String protocol) {}

  /** Routes {@code host} and {@code /serving/{namespace}/{name}} to {@code endpoint}. */
  void publishEndpoint(String namespace, String name, String host, RoutedEndpoint endpoint) {
    String key = key(namespace, name);
    String lower = host.toLowerCase(Locale.ROOT);
    String old = endpointHosts.put(key, lower);
    if (old != null && !old.equals(lower)) {
      endpointsByHost.remove(old);
    }
    endpointsByHost.put(lower, endpoint);
    endpointsByName.put(key, endpoint);
  }

  /** Stops routing to the endpoint {@code namespace/name}. */
  void withdrawEndpoint(String namespace, String name) {
    String key = key(namespace, name);
    endpointsByName.remove(key);
    String host = endpointHosts.remove(key);
    if (host != null) {
      endpointsByHost.remove(host);
    }
  }

  /** Whether {@code host} is the host of a serving InferenceService or of one of its components. */
  boolean servesHost(String host) {
    return byHost.containsKey(host.toLowerCase(Locale.ROOT));
  }

  /** The serving InferenceService whose host is {@code host}, as {@code namespace/name}. */
  Optional<ServiceRoute> service(String host) {
    return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<RoutedEndpoint> endpointByHost(String host) {
    return Optional.ofNullable(endpointsByHost.get(host));
  }

  @Override
  public Optional<RoutedEndpoint> endpointByPath(String namespace, String name) {
    return Optional.ofNullable(endpointsByName.get(key(namespace, name)));
  }

  /** Stops routing to {@code namespace/name}. */
  void withdraw(String namespace, String name) {
    String key = key(namespace, name);
    byName.remove(key);
    protocols.remove(key);
    Set<String> hosts = hostsByName.remove(key);
    if (hosts != null) {
      hosts.forEach(byHost::remove);
    }
  }

  @Override
  public Optional<ServiceRoute> byHost(String host) {
    return Optional.ofNullable(byHost.get(host));
  }

  @Override
  public Optional<ServiceRoute> byPath(String namespace, String name) {
    return Optional.ofNullable(byName.get(key(namespace, name)));
  }

  @Override
  public boolean manages(String host) {
    return host.endsWith(domainSuffix);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
