package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphStatus;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.FieldError;
import dev.kserve4j.api.validation.InferenceGraphValidator;
import dev.kserve4j.api.validation.ValidationResult;
import dev.kserve4j.plan.DeploymentMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one InferenceGraph to its desired state, as KServe's InferenceGraph controller does:
 * validates it, resolves every {@code serviceName} step to its InferenceService's URL, checks that
 * kserve4j's router would accept the graph's {@code serviceUrl} hosts ({@link
 * InferenceGraphRenderer#outboundRefusals}: a refused host is reported as {@code Ready} False,
 * reason {@value #OUTBOUND_HOST_NOT_ALLOWED}, with the router's own message, instead of starting a
 * router that would exit), renders and applies the router's objects for the graph's deployment mode
 * (the {@code serving.kserve.io/deploymentMode} annotation, else the configured default), deletes
 * those no longer rendered, and records the outcome in the status.
 *
 * <ul>
 *   <li>Standard mode: the router Deployment, Service, autoscaler and route. {@code Ready} is True
 *       once the router has an available replica and every InferenceService a step names is Ready;
 *       the URL is set once the router is available.
 *   <li>Knative mode: one Knative Service running the same router. Its {@code ConfigurationsReady}
 *       and {@code RoutesReady} conditions are copied as KServe copies them; {@code Ready} follows
 *       the Knative Service's (Unknown until Knative reports it), and is then False while a step's
 *       InferenceService is not Ready; the URL is the Knative Service's while it is Ready, none
 *       otherwise, as in KServe. A cluster without Knative Serving gets {@code Ready} False with
 *       KServe's reason {@code ServerlessModeRejected}.
 * </ul>
 *
 * While a step's InferenceService is missing or has no address, or a host is refused, the router is
 * left as it was, since its graph cannot be written. A graph annotated {@code
 * serving.kserve.io/stop: "true"} has its objects deleted, {@code Stopped} True, {@code Ready}
 * False with reason {@code Stopped} and no URL. Status is written only when it changes.
 */
public final class InferenceGraphReconciler {
  static final String READY = StatusBuilder.READY;
  static final String STOPPED = "Stopped";
  static final String INVALID_SPEC = "InvalidSpec";
  static final String SERVICE_NOT_FOUND = "ServiceNotFound";
  static final String SERVICE_NOT_READY = "ServiceNotReady";
  static final String NAME_CONFLICT = "NameConflict";
  static final String OUTBOUND_HOST_NOT_ALLOWED = "OutboundHostNotAllowed";
  static final String SERVERLESS_MODE_REJECTED = "ServerlessModeRejected";

  /** The Ready reason of a stopped graph (KServe's {@code StoppedISVCReason}). */
  static final String STOPPED_REASON = "Stopped";

  /**
   * {@code true} stops a graph: its objects are deleted until the annotation goes (KServe's {@code
   * StopAnnotationKey}).
   */
  static final String STOP_ANNOTATION = "serving.kserve.io/stop";

  private static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
  private static final Logger LOG = LoggerFactory.getLogger(InferenceGraphReconciler.class);

  private final KubernetesClient client;
  private final ControllerConfig config;
  private final InferenceGraphRenderer renderer;
  private final DesiredStateApplier applier;
  private final StatusBuilder statuses;
  private final ReadinessEvents events;
  private final PredictorEndpoint.Runtimes runtimes;
  private final KnativeStatusBuilder knativeStatuses;
  private final InferenceGraphValidator validator = new InferenceGraphValidator();

  /** A step naming an InferenceService: where it is in the graph, and the service. */
  private record ServiceStep(String node, int index, String stepName, String service) {
    String where() {
      return "step "
          + index
          + (stepName == null || stepName.isEmpty() ? "" : " (\"" + stepName + "\")")
          + " of node \""
          + node
          + "\"";
    }
  }

  public InferenceGraphReconciler(KubernetesClient client, ControllerConfig config, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.config = requireNonNull(config, "config");
    this.renderer = new InferenceGraphRenderer(config.render(), config.plan());
    this.applier = new DesiredStateApplier(new ManagedKinds(client));
    this.statuses = new StatusBuilder(clock);
    this.events = new ReadinessEvents(client, clock);
    this.runtimes = PredictorEndpoint.Runtimes.of(client);
    this.knativeStatuses = new KnativeStatusBuilder(clock, config.render().routing());
  }

  /**
   * The InferenceServices the steps of {@code graph} name in {@code serviceName}: a change to one
   * of them (its address or readiness) calls for reconciling the graph again.
   */
  public static Set<String> referencedServices(InferenceGraph graph) {
    return serviceSteps(graph).stream()
        .map(ServiceStep::service)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Reconciles the stored InferenceGraph {@code namespace/name}; nothing when it is gone. */
  public void reconcile(String namespace, String name) {
    InferenceGraph graph =
        client.resources(InferenceGraph.class).inNamespace(namespace).withName(name).get();
    if (graph == null) {
      LOG.debug(
          "InferenceGraph {}/{}: gone, its objects are garbage-collected through owner references",
          namespace,
          name);
      return;
    }
    reconcile(graph);
  }

  /** Reconciles {@code graph}, as stored (it needs its {@code metadata.uid}). */
  public void reconcile(InferenceGraph graph) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    boolean knative = deploymentMode(graph) == DeploymentMode.KNATIVE;
    InferenceGraphStatus previous = graph.getStatus();
    boolean stopped = stopped(graph);
    Observed observed = stopped ? stop(graph) : deploy(graph, previous, knative);
    InferenceGraphStatus next = new InferenceGraphStatus();
    next.setObservedGeneration(graph.getMetadata().getGeneration());
    next.setUrl(observed.url());
    List<Condition> conditions = new ArrayList<>(observed.copied());
    conditions.add(
        statuses.condition(
            previous, READY, observed.status(), observed.reason(), observed.message()));
    conditions.add(
        statuses.condition(previous, STOPPED, new StatusBuilder.Outcome(stopped, null, null)));
    conditions.sort(Comparator.comparing(Condition::type));
    next.setConditions(conditions);
    if (!Objects.equals(next, previous)) {
      graph.setStatus(next);
      client.resources(InferenceGraph.class).inNamespace(ns).resource(graph).updateStatus();
      events.recordChange(graph, previous, next);
      LOG.info(
          "InferenceGraph {}/{}: status Ready={}{}",
          ns,
          name,
          observed.status(),
          observed.reason() == null
              ? ""
              : " ("
                  + observed.reason()
                  + (observed.message() == null ? "" : ": " + observed.message())
                  + ")");
    }
  }

  /**
   * The graph after a reconcile: its {@code Ready} condition ({@code True}, {@code False} or {@code
   * Unknown}), its URL, and the conditions copied from a Knative Service.
   */
  private record Observed(
      String status, String reason, String message, String url, List<Condition> copied) {
    static Observed of(StatusBuilder.Outcome ready, String url) {
      return new Observed(
          ready.ready() ? "True" : "False", ready.reason(), ready.message(), url, List.of());
    }
  }

  /** Deletes the graph's objects: not ready, with no URL. */
  private Observed stop(InferenceGraph graph) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    DesiredStateApplier.Changes changes =
        applier.apply(
            ns, InferenceGraphRenderer.GRAPH_LABEL, name, graph.getMetadata().getUid(), List.of());
    if (!changes.deleted().isEmpty()) {
      LOG.info("InferenceGraph {}/{}: stopped, deleted {}", ns, name, changes.deleted());
    }
    return Observed.of(new StatusBuilder.Outcome(false, STOPPED_REASON, null), null);
  }

  /**
   * Validates, resolves, checks, renders and applies the graph. In Standard mode the previous URL
   * stays until the router is available, as KServe sets it only then.
   */
  private Observed deploy(InferenceGraph graph, InferenceGraphStatus previous, boolean knative) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    String url = knative || previous == null ? null : previous.getUrl();
    ValidationResult validation = validator.validate(graph);
    if (!validation.isValid()) {
      String message =
          validation.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
      LOG.warn("InferenceGraph {}/{}: invalid spec: {}", ns, name, message);
      return Observed.of(new StatusBuilder.Outcome(false, INVALID_SPEC, message), url);
    }
    Map<String, InferenceService> services = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    StatusBuilder.Outcome resolved = resolve(graph, services, urls);
    if (!resolved.ready()) {
      LOG.debug("InferenceGraph {}/{}: not applied: {}", ns, name, resolved.message());
      return Observed.of(resolved, url);
    }
    List<String> refused = renderer.outboundRefusals(graph, urls);
    if (!refused.isEmpty()) {
      String message =
          "the router would refuse the graph: "
              + String.join("; ", refused)
              + " (the operator passes the 'allowedHosts' of the 'router' key of "
              + InferenceServiceConfigMap.NAME
              + " as --allow-host)";
      LOG.warn("InferenceGraph {}/{}: not applied: {}", ns, name, message);
      return Observed.of(new StatusBuilder.Outcome(false, OUTBOUND_HOST_NOT_ALLOWED, message), url);
    }
    StatusBuilder.Outcome applied = apply(graph, urls, knative);
    if (!applied.ready()) {
      return Observed.of(applied, url);
    }
    if (knative) {
      return knativeObserved(graph, services);
    }
    StatusBuilder.Outcome router = DeploymentAvailability.of(name, router(graph));
    return router.ready()
        ? Observed.of(servicesReady(graph, services), renderer.url(graph))
        : Observed.of(router, url);
  }

  /**
   * The graph's readiness and URL from its stored Knative Service, as KServe propagates them; the
   * InferenceServices its steps name must be Ready too.
   */
  private Observed knativeObserved(InferenceGraph graph, Map<String, InferenceService> services) {
    String name = graph.getMetadata().getName();
    Optional<KnativeStatusBuilder.KsvcStatus> ksvc =
        knativeStatuses.ksvcStatus(
            client
                .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
                .inNamespace(graph.getMetadata().getNamespace())
                .withName(name)
                .get());
    List<Condition> copied =
        ksvc.map(KnativeStatusBuilder.KsvcStatus::conditions).orElse(List.of()).stream()
            .filter(c -> !READY.equals(c.type()) && !STOPPED.equals(c.type()))
            .toList();
    Optional<Condition> ready = ksvc.flatMap(k -> k.condition(READY));
    if (ready.isEmpty() || !"False".equals(ready.get().status()) && !ready.get().isTrue()) {
      return new Observed(
          "Unknown",
          ready.map(Condition::reason).orElse(null),
          ready
              .map(Condition::message)
              .orElse("Knative Service '" + name + "' has not reported Ready yet"),
          null,
          copied);
    }
    if (!ready.get().isTrue()) {
      return new Observed("False", ready.get().reason(), ready.get().message(), null, copied);
    }
    Observed ok = Observed.of(servicesReady(graph, services), ksvc.get().url());
    return new Observed(ok.status(), ok.reason(), ok.message(), ok.url(), copied);
  }

  /**
   * Renders and applies the objects of the graph's mode; not ready when they cannot be rendered,
   * the cluster does not serve Knative Services, or another resource holds their names.
   */
  private StatusBuilder.Outcome apply(
      InferenceGraph graph, Map<String, String> urls, boolean knative) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    List<HasMetadata> objects;
    try {
      objects = knative ? renderer.renderKnative(graph, urls) : renderer.render(graph, urls);
    } catch (IllegalArgumentException e) {
      LOG.warn("InferenceGraph {}/{}: cannot be rendered: {}", ns, name, e.getMessage());
      return new StatusBuilder.Outcome(false, INVALID_SPEC, e.getMessage());
    }
    DesiredStateApplier.Changes changes;
    try {
      changes =
          applier.apply(
              ns, InferenceGraphRenderer.GRAPH_LABEL, name, graph.getMetadata().getUid(), objects);
    } catch (KubernetesClientException e) {
      if (!knative || e.getCode() != 404) {
        throw e;
      }
      String message =
          "the resolved deployment mode of InferenceGraph '"
              + name
              + "' is Knative, but the cluster does not serve Knative Serving's"
              + " serving.knative.dev/v1 Service: "
              + e.getMessage();
      LOG.warn("InferenceGraph {}/{}: {}", ns, name, message);
      return new StatusBuilder.Outcome(false, SERVERLESS_MODE_REJECTED, message);
    }
    if (!changes.written().isEmpty() || !changes.deleted().isEmpty()) {
      LOG.info(
          "InferenceGraph {}/{}: wrote {}, deleted {}",
          ns,
          name,
          changes.written(),
          changes.deleted());
    }
    if (changes.conflicts().isEmpty()) {
      return StatusBuilder.Outcome.ok();
    }
    String message =
        changes.conflicts()
            + " in namespace "
            + ns
            + " belong to another resource"
            + " (expected no other InferenceService or InferenceGraph named '"
            + name
            + "' to own them)";
    LOG.warn("InferenceGraph {}/{}: {}", ns, name, message);
    return new StatusBuilder.Outcome(false, NAME_CONFLICT, message);
  }

  /** Ready when every InferenceService a step names is Ready; otherwise names each such step. */
  private static StatusBuilder.Outcome servicesReady(
      InferenceGraph graph, Map<String, InferenceService> services) {
    List<String> notReady =
        serviceSteps(graph).stream()
            .filter(s -> !isReady(services.get(s.service())))
            .map(s -> s.where() + ": InferenceService \"" + s.service() + "\" is not Ready")
            .toList();
    return notReady.isEmpty()
        ? StatusBuilder.Outcome.ok()
        : new StatusBuilder.Outcome(false, SERVICE_NOT_READY, String.join("; ", notReady));
  }

  /**
   * Fetches every InferenceService a step names into {@code services} and its URL into {@code
   * urls}; not ready, naming each step, when one is missing or has no URL yet.
   */
  private StatusBuilder.Outcome resolve(
      InferenceGraph graph, Map<String, InferenceService> services, Map<String, String> urls) {
    String ns = graph.getMetadata().getNamespace();
    List<String> missing = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (ServiceStep step : serviceSteps(graph)) {
      InferenceService isvc =
          services.computeIfAbsent(
              step.service(),
              s -> client.resources(InferenceService.class).inNamespace(ns).withName(s).get());
      if (isvc == null) {
        services.remove(step.service());
        missing.add(
            step.where()
                + ": Failed to find graph service "
                + step.service()
                + " (no InferenceService \""
                + step.service()
                + "\" in namespace "
                + ns
                + ")");
        continue;
      }
      PredictorEndpoint.Resolution endpoint = PredictorEndpoint.resolve(isvc, runtimes);
      if (endpoint.resolved()) {
        urls.put(step.service(), endpoint.url());
      } else {
        unresolved.add(step.where() + ": " + endpoint.problem());
      }
    }
    List<String> problems = new ArrayList<>(missing);
    problems.addAll(unresolved);
    if (problems.isEmpty()) {
      return StatusBuilder.Outcome.ok();
    }
    return new StatusBuilder.Outcome(
        false,
        missing.isEmpty() ? SERVICE_NOT_READY : SERVICE_NOT_FOUND,
        String.join("; ", problems));
  }

  /**
   * Steps with a {@code serviceName} and no {@code serviceUrl} (a given URL wins, as in KServe).
   */
  private static List<ServiceStep> serviceSteps(InferenceGraph graph) {
    Map<String, InferenceRouter> nodes =
        graph.getSpec() == null || graph.getSpec().getNodes() == null
            ? Map.of()
            : graph.getSpec().getNodes();
    List<ServiceStep> out = new ArrayList<>();
    nodes.forEach(
        (node, router) -> {
          List<InferenceStep> steps =
              router == null || router.steps() == null ? List.of() : router.steps();
          for (int i = 0; i < steps.size(); i++) {
            InferenceStep step = steps.get(i);
            if (step.serviceName() != null
                && !step.serviceName().isEmpty()
                && (step.serviceUrl() == null || step.serviceUrl().isEmpty())) {
              out.add(new ServiceStep(node, i, step.name(), step.serviceName()));
            }
          }
        });
    return out;
  }

  private Deployment router(InferenceGraph graph) {
    return client
        .apps()
        .deployments()
        .inNamespace(graph.getMetadata().getNamespace())
        .withName(graph.getMetadata().getName())
        .get();
  }

  private static boolean isReady(InferenceService isvc) {
    return isvc != null && isvc.getStatus() != null && isvc.getStatus().isReady();
  }

  /**
   * Whether the stop annotation is {@code true}, in any case (KServe's {@code
   * GetForceStopRuntime}).
   */
  private static boolean stopped(InferenceGraph graph) {
    Map<String, String> annotations = graph.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(STOP_ANNOTATION));
  }

  /** The annotation's mode, else the configured default (KServe's {@code GetDeploymentMode}). */
  private DeploymentMode deploymentMode(InferenceGraph graph) {
    Map<String, String> annotations = graph.getMetadata().getAnnotations();
    DeploymentMode annotated =
        annotations == null
            ? null
            : DeploymentMode.fromAnnotation(annotations.get(DEPLOYMENT_MODE));
    return annotated == null ? config.plan().defaultDeploymentMode() : annotated;
  }
}
