package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.routing.RequestEpochs;
import dev.kserve4j.server.routing.RoutedEndpoint;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.routing.ServiceRoute;
import dev.kserve4j.server.routing.TrafficSplit;
import dev.kserve4j.server.shadow.ShadowMirror;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts and paths of the InferenceServices that serve, as the server's router reads them: the
 * InferenceService's host ({@code status.url}) and each component's host (e.g. {@code
 * {name}-predictor.{namespace}.{domain}}) lead to it, as does {@code /serving/{namespace}/{name}/};
 * with tag routing, {@code latest-} and {@code prev-} prefixed hosts lead to one revision each.
 *
 * <p>Written by the control plane (one change at a time), read by event-loop threads on every
 * request: concurrent maps, no locks on the read side.
 */
public final class ServiceRoutes implements ServiceDirectory {
  /** How {@link #listedAs} marks a repository model it does not list (an explainer). */
  private static final String HIDDEN = "";

  private final String domainSuffix;
  private final Map<String, ServiceRoute> byHost = new ConcurrentHashMap<>();
  private final Map<String, ServiceRoute> byName = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> hostsByName = new ConcurrentHashMap<>();
  private final Map<String, String> protocols = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> modelsByName = new ConcurrentHashMap<>();
  private final Map<String, ServiceRoute> predictors = new ConcurrentHashMap<>();
  private final Map<String, Components> components = new ConcurrentHashMap<>();
  private final Map<String, Published> published = new ConcurrentHashMap<>();
  private final Map<String, ServiceRoute> byModel = new ConcurrentHashMap<>();
  private final Map<String, String> listedAs = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> listedByName = new ConcurrentHashMap<>();
  private final Map<String, RoutedEndpoint> endpointsByHost = new ConcurrentHashMap<>();
  private final Map<String, RoutedEndpoint> endpointsByName = new ConcurrentHashMap<>();
  private final Map<String, String> endpointHosts = new ConcurrentHashMap<>();
  private final RequestEpochs requests = new RequestEpochs();
  private final Duration drainTimeout;
  private volatile ShadowRoutes shadow;

  /**
   * @param domain the ingress domain hosts are generated in, e.g. {@code example.com}
   */
  public ServiceRoutes(String domain) {
    this(domain, DEFAULT_DRAIN_TIMEOUT);
  }

  /** How long a model no route names waits for the requests that may still call it, by default. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param domain the ingress domain hosts are generated in, e.g. {@code example.com}
   * @param drainTimeout how long {@link #awaitEarlierRequests} waits at most
   */
  public ServiceRoutes(String domain, Duration drainTimeout) {
    this.domainSuffix = "." + requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
  }

  /**
   * Turns on shadow traffic ({@code serving.kserve4j.dev/shadow-percent}): mirrored requests call
   * candidates through {@code inference} and are counted on {@code registry}; the same server's.
   */
  public void enableShadow(JsonInference inference, MeterRegistry registry) {
    shadow = new ShadowRoutes(inference, registry);
  }

  /**
   * Mirrors {@code namespace/name}'s requests answered by {@code stable} to {@code candidates} as
   * its annotations ask; nothing unless shadow traffic is on ({@link #enableShadow}).
   */
  void shadow(
      String namespace,
      String name,
      Map<String, String> annotations,
      List<String> stable,
      List<String> candidates) {
    ShadowRoutes s = shadow;
    if (s != null) {
      s.publish(namespace, name, annotations, stable, candidates);
    }
  }

  @Override
  public List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors(
      String servedModel, String protocol) {
    ShadowRoutes s = shadow;
    return s == null ? List.of() : s.mirrors(servedModel, protocol);
  }

  @Override
  public List<ShadowMirror<InferRequest, InferResponse>> tensorMirrors(String servedModel) {
    ShadowRoutes s = shadow;
    return s == null ? List.of() : s.tensorMirrors(servedModel);
  }

  @Override
  public Runnable requestStarted() {
    return requests.enter();
  }

  /**
   * Waits until every request that started before this call finished (at most the drain timeout),
   * so that a repository model the routes just stopped naming can be unloaded: a request resolves
   * its model when it starts but calls it once its body arrived, and without this wait one that
   * resolved a revision just before the new routes were published could find it gone (404).
   * Retrying the resolution instead would have to repeat the host lookup in every protocol's
   * handler; waiting here keeps the data plane as it is and costs one atomic counter per request.
   *
   * @return whether they all finished in time (if not, the model is unloaded anyway)
   */
  boolean awaitEarlierRequests() {
    return requests.awaitEarlier(drainTimeout);
  }

  /**
   * Routes {@code plan}'s hosts and path to {@code model}, answered by the repository models of
   * {@code weights} in proportion (a canary split; one model for all traffic otherwise), and each
   * tag's hosts ({@code {tag}-{name}.{namespace}.{domain}} and the predictor's) to one repository
   * model; replaces its previous routes. A request naming {@code model} without a host is routed as
   * the InferenceService's host is, and the repository models are listed under {@code model}.
   *
   * <p>With a transformer or an explainer set by {@link #components}, the InferenceService's host,
   * path and model name lead to the transformer (the predictor's host still reaches the predictor)
   * and {@code :explain} on them to the explainer.
   *
   * @param weights repository model to share; at least one share is positive
   * @param tags tag ({@code latest}, {@code prev}) to repository model
   */
  void publish(
      InferenceServicePlan plan,
      String model,
      Map<String, Integer> weights,
      Map<String, String> tags) {
    String key = key(plan.namespace(), plan.name());
    published.put(key, new Published(plan, model, weights, tags));
    Components parts = components.getOrDefault(key, Components.NONE);
    ServiceRoute predictor =
        new ServiceRoute(
            plan.namespace(), plan.name(), Map.of(model, TrafficSplit.weighted(weights)));
    Map<String, String> explain =
        parts.explainer() == null ? Map.of() : Map.of(model, parts.explainer());
    TrafficSplit front =
        parts.transformer() == null
            ? TrafficSplit.weighted(weights)
            : TrafficSplit.to(parts.transformer());
    ServiceRoute route =
        new ServiceRoute(plan.namespace(), plan.name(), Map.of(model, front), explain);
    Map<String, ServiceRoute> routed = new HashMap<>();
    routed.put(plan.host().toLowerCase(Locale.ROOT), route);
    for (ComponentPlan component : plan.components()) {
      routed.put(
          component.host().toLowerCase(Locale.ROOT),
          component.component().equals("predictor") ? predictor : route);
    }
    tags.forEach(
        (tag, target) -> {
          ServiceRoute tagged =
              new ServiceRoute(
                  plan.namespace(), plan.name(), Map.of(model, TrafficSplit.to(target)));
          routed.put((tag + "-" + plan.host()).toLowerCase(Locale.ROOT), tagged);
          routed.put((tag + "-" + plan.predictor().host()).toLowerCase(Locale.ROOT), tagged);
        });
    byHost.putAll(routed);
    Set<String> old = hostsByName.put(key, Set.copyOf(routed.keySet()));
    if (old != null) {
      old.stream().filter(host -> !routed.containsKey(host)).forEach(byHost::remove);
    }
    byName.put(key, route);
    predictors.put(key, predictor);
    protocols.put(key, plan.predictor().protocol());
    Set<String> names = new HashSet<>(Set.of(model));
    byModel.put(model, route);
    if (parts.explainer() != null) {
      // The explainer's own predict calls (a model.py's self.predict, named after its repository
      // model, on this server without a host) reach the service as its clients do.
      byModel.put(
          parts.explainer(),
          new ServiceRoute(plan.namespace(), plan.name(), Map.of(parts.explainer(), front)));
      names.add(parts.explainer());
    }
    Set<String> oldNames = modelsByName.put(key, Set.copyOf(names));
    if (oldNames != null) {
      oldNames.stream().filter(m -> !names.contains(m)).forEach(byModel::remove);
    }
    Set<String> listed = new HashSet<>(weights.keySet());
    tags.values().forEach(listed::add);
    if (parts.transformer() != null) {
      listed.add(parts.transformer());
    }
    listed.forEach(repositoryModel -> listedAs.put(repositoryModel, model));
    if (parts.explainer() != null) {
      listedAs.put(parts.explainer(), HIDDEN);
      listed.add(parts.explainer());
    }
    Set<String> oldListed = listedByName.put(key, listed);
    if (oldListed != null) {
      oldListed.stream().filter(m -> !listed.contains(m)).forEach(listedAs::remove);
    }
  }

  /**
   * The repository models of {@code namespace/name}'s transformer and explainer (null for none)
   * from now on; its routes are published again when a revision of its predictor serves.
   */
  void components(String namespace, String name, String transformer, String explainer) {
    String key = key(namespace, name);
    components.put(key, new Components(transformer, explainer));
    Published last = published.get(key);
    if (last != null) {
      publish(last.plan(), last.model(), last.weights(), last.tags());
    }
  }

  /**
   * The route choosing {@code namespace/name}'s predictor revision per call (its transformer's
   * predictor), empty unless one serves.
   */
  Optional<ServiceRoute> predictor(String namespace, String name) {
    return Optional.ofNullable(predictors.get(key(namespace, name)));
  }

  /** An InferenceService's transformer and explainer repository models, null for none. */
  private record Components(String transformer, String explainer) {
    static final Components NONE = new Components(null, null);
  }

  /** What {@link #publish} was last called with for an InferenceService. */
  private record Published(
      InferenceServicePlan plan,
      String model,
      Map<String, Integer> weights,
      Map<String, String> tags) {}

  /**
   * How an InferenceGraph step calls {@code namespace/name} in-process: the model name it serves,
   * the route choosing the repository model per call, and the predictor's protocol ({@code v1},
   * {@code v2}); empty unless a revision of it serves.
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
    return Optional.of(new ServedModel(model, protocol, route));
  }

  /** What {@link #served} answers: the served model's name and protocol. */
  record ServedModel(String model, String protocol, ServiceRoute route) {}

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
    shadow(namespace, name, null, List.of(), List.of());
    String key = key(namespace, name);
    byName.remove(key);
    protocols.remove(key);
    predictors.remove(key);
    components.remove(key);
    published.remove(key);
    Set<String> models = modelsByName.remove(key);
    if (models != null) {
      models.forEach(byModel::remove);
    }
    Set<String> listed = listedByName.remove(key);
    if (listed != null) {
      listed.forEach(listedAs::remove);
    }
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
  public Optional<ServiceRoute> byModel(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  @Override
  public Optional<String> listedAs(String repositoryModel) {
    String model = listedAs.get(repositoryModel);
    if (HIDDEN.equals(model)) {
      return Optional.empty();
    }
    return Optional.of(model == null ? repositoryModel : model);
  }

  @Override
  public boolean manages(String host) {
    return host.endsWith(domainSuffix);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
