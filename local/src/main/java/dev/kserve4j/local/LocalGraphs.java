package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphStatus;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.router.GraphAnswer;
import dev.kserve4j.router.GraphExecutor;
import dev.kserve4j.router.GraphMetrics;
import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.RouterGraph;
import dev.kserve4j.router.StepCall;
import dev.kserve4j.router.http.HeaderPropagation;
import dev.kserve4j.router.http.HttpStepInvoker;
import dev.kserve4j.router.http.OutboundGuard;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.routing.RoutedEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded host's InferenceGraphs: each applied graph is checked as KServe's webhook checks it
 * (plus conditions, cycles and the outbound hosts of its {@code serviceUrl} steps), then served at
 * {@code Host: {name}.{namespace}.{domain}} and {@code /serving/{namespace}/{name}} by the router's
 * executor with in-process steps ({@link LocalSteps}). Its status is KServe's: the URL, and {@code
 * Ready} only while every InferenceService a step names is Ready (reason {@code ServiceNotReady}
 * naming each step otherwise), recomputed whenever a service changes.
 *
 * <p>Beyond the graph's own services, {@code serviceUrl} steps may reach hosts under the ingress
 * domain (served in-process when an InferenceService serves them), the loopback host, and the hosts
 * matching {@code --allow-host}; any other is refused at apply. Not thread-safe: the control plane
 * calls it under its lock.
 */
public final class LocalGraphs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalGraphs.class);

  /** The Ready reason while a step's InferenceService is not Ready (KServe's). */
  static final String SERVICE_NOT_READY = "ServiceNotReady";

  private final ServiceRoutes routes;
  private final JsonInference inference;
  private final PlanConfig config;
  private final Clock clock;
  private final OutboundGuard guard;
  private final HeaderPropagation headers;
  private final MeterRegistry registry;

  /** Made at the first {@code serviceUrl} step that leaves the process. */
  private HttpStepInvoker http;

  private final ResourceCodec codec = new ResourceCodec();
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks();
  private final Map<String, Entry> graphs = new LinkedHashMap<>();

  private record Entry(InferenceGraph resource, RouterGraph graph) {}

  /** What the control plane knows of an InferenceService: absent, or whether it is Ready. */
  @FunctionalInterface
  interface Services {
    Optional<Boolean> ready(String namespace, String name);
  }

  /**
   * @param routes where graphs are published, next to the InferenceServices
   * @param inference the server's in-process V1/V2 calls
   * @param allowHosts host patterns {@code serviceUrl} steps may reach ({@code --allow-host})
   * @param headers the headers propagated to steps ({@code PROPAGATE_HEADERS})
   * @param registry where the graphs' metrics go (the server's {@code /metrics})
   */
  public LocalGraphs(
      ServiceRoutes routes,
      JsonInference inference,
      PlanConfig config,
      Clock clock,
      List<String> allowHosts,
      HeaderPropagation headers,
      MeterRegistry registry) {
    this.routes = requireNonNull(routes, "routes");
    this.inference = requireNonNull(inference, "inference");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    List<String> allowed = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
    allowed.add("*." + config.ingressDomain());
    allowed.addAll(allowHosts);
    this.guard = new OutboundGuard(allowed);
    this.headers = requireNonNull(headers, "headers");
    this.registry = requireNonNull(registry, "registry");
  }

  /**
   * Checks {@code graph} as KServe's webhook would; nothing is stored when it is refused.
   *
   * @throws AdmissionDeniedException with the webhook's message
   * @throws IllegalArgumentException when it cannot run (a condition, a cycle, an outbound host)
   */
  void admit(InferenceGraph graph) {
    String name = name(graph);
    webhooks
        .inferenceGraph(graph)
        .ifPresent(
            denial -> {
              throw new AdmissionDeniedException(ValidatingWebhooks.INFERENCE_GRAPH, denial);
            });
    guard.check(RouterGraph.compile(name, graph.getSpec()));
  }

  /** Applies {@code graph}: serves it and returns it with its status. */
  InferenceGraph apply(InferenceGraph graph, Services services) {
    InferenceGraph desired = copy(requireNonNull(graph, "graph"));
    String namespace = namespace(desired);
    desired.getMetadata().setNamespace(namespace);
    admit(desired);
    String name = name(desired);
    String key = namespace + "/" + name;
    Entry previous = graphs.get(key);
    RouterGraph compiled = RouterGraph.compile(name, desired.getSpec());
    List<String> unknown =
        compiled.serviceSteps().stream()
            .filter(s -> s.serviceName() != null)
            .filter(s -> services.ready(namespace, s.serviceName()).isEmpty())
            .map(s -> s.describe() + " names InferenceService \"" + s.serviceName() + "\"")
            .toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "InferenceGraph \""
              + name
              + "\" cannot run: "
              + String.join("; ", unknown)
              + ", which does not exist in namespace \""
              + namespace
              + "\" (expected InferenceServices applied before the graphs that name them)");
    }
    boolean changed =
        previous == null || !Objects.equals(previous.resource().getSpec(), desired.getSpec());
    long generation =
        previous == null
            ? 1
            : previous.resource().getMetadata().getGeneration() + (changed ? 1 : 0);
    desired.getMetadata().setGeneration(generation);
    desired
        .getMetadata()
        .setCreationTimestamp(
            previous != null
                ? previous.resource().getMetadata().getCreationTimestamp()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    desired.setStatus(previous == null ? null : previous.resource().getStatus());
    GraphExecutor executor =
        new GraphExecutor(
            compiled,
            new LocalSteps(namespace, routes, inference, (step, call) -> http().invoke(step, call)),
            new GraphMetrics(registry, compiled));
    routes.publishEndpoint(namespace, name, host(namespace, name), endpoint(executor));
    Entry entry = new Entry(desired, compiled);
    graphs.put(key, entry);
    status(entry, services);
    log.info(
        "InferenceGraph/{}/{}: generation {} applied, Ready={}",
        namespace,
        name,
        generation,
        desired.getStatus().isReady());
    return copy(desired);
  }

  private RoutedEndpoint endpoint(GraphExecutor executor) {
    return (body, requestHeaders) -> {
      Map<String, List<String>> all = new LinkedHashMap<>();
      requestHeaders.forEach((k, v) -> all.put(k, List.of(v)));
      StepCall call = headers.call(all, body);
      String id = call.headers().get(HeaderPropagation.REQUEST_ID).get(0);
      return executor.execute(call).thenApply(answer -> reply(answer, id));
    };
  }

  private static JsonReply reply(GraphAnswer answer, String requestId) {
    return new JsonReply(
        answer.status(),
        answer.json() ? JsonReply.JSON : "text/plain; charset=utf-8",
        answer.body(),
        Map.of(HeaderPropagation.REQUEST_ID, requestId));
  }

  /** Recomputes every graph's {@code Ready} after a service changed. */
  void refresh(Services services) {
    graphs.values().forEach(e -> status(e, services));
  }

  private void status(Entry entry, Services services) {
    InferenceGraph g = entry.resource();
    String namespace = g.getMetadata().getNamespace();
    List<String> notReady = new ArrayList<>();
    for (GraphStep step : entry.graph().serviceSteps()) {
      if (step.serviceName() != null
          && !services.ready(namespace, step.serviceName()).orElse(false)) {
        notReady.add(
            step.describe() + ": InferenceService \"" + step.serviceName() + "\" is not Ready");
      }
    }
    InferenceGraphStatus before = g.getStatus();
    InferenceGraphStatus status = new InferenceGraphStatus();
    status.setUrl(config.urlScheme() + "://" + host(namespace, g.getMetadata().getName()));
    status.setObservedGeneration(g.getMetadata().getGeneration());
    boolean ready = notReady.isEmpty();
    Condition previous =
        before == null || before.getConditions() == null
            ? null
            : before.getConditions().stream()
                .filter(c -> "Ready".equals(c.type()))
                .findFirst()
                .orElse(null);
    String value = ready ? "True" : "False";
    String since =
        previous != null && value.equals(previous.status())
            ? previous.lastTransitionTime()
            : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    status.setConditions(
        List.of(
            new Condition(
                "Ready",
                value,
                null,
                since,
                ready ? null : SERVICE_NOT_READY,
                ready ? null : String.join("; ", notReady),
                Map.of())));
    g.setStatus(status);
  }

  /** Stops serving the graph; false when there is none. */
  boolean delete(String namespace, String name) {
    Entry removed = graphs.remove(namespace + "/" + name);
    if (removed == null) {
      return false;
    }
    routes.withdrawEndpoint(namespace, name);
    return true;
  }

  Optional<InferenceGraph> get(String namespace, String name) {
    return Optional.ofNullable(graphs.get(namespace + "/" + name)).map(e -> copy(e.resource()));
  }

  List<InferenceGraph> list() {
    return graphs.values().stream().map(e -> copy(e.resource())).toList();
  }

  private String host(String namespace, String name) {
    return name + "." + namespace + "." + config.ingressDomain();
  }

  private static String namespace(InferenceGraph g) {
    String ns = g.getMetadata() == null ? null : g.getMetadata().getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  private static String name(InferenceGraph g) {
    if (g.getMetadata() == null
        || g.getMetadata().getName() == null
        || g.getMetadata().getName().isBlank()) {
      throw new IllegalArgumentException(
          "metadata.name: missing (expected the InferenceGraph's name)");
    }
    return g.getMetadata().getName();
  }

  private InferenceGraph copy(InferenceGraph g) {
    return codec.read(codec.toJson(g), "InferenceGraph", InferenceGraph.class);
  }

  private synchronized HttpStepInvoker http() {
    if (http == null) {
      http = new HttpStepInvoker(Optional.empty());
    }
    return http;
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}
