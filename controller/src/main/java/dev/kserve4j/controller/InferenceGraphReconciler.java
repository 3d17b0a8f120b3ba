package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Standard-mode InferenceGraph to its desired state, as KServe's InferenceGraph
 * controller does in RawDeployment mode: validates it, resolves every {@code serviceName} step to
 * its InferenceService's URL, renders and applies the router's objects, deletes those no longer
 * rendered, and records the outcome in the status: {@code Ready} (the router has an available
 * replica and every InferenceService a step names is Ready), {@code Stopped} and the URL, set once
 * the router is available. While a step's InferenceService is missing or has no address the router
 * is left as it was, since its graph cannot be written. A graph annotated {@code
 * serving.kserve.io/stop: "true"} has its objects deleted, {@code Stopped} True, {@code Ready}
 * False with reason {@code Stopped} and no URL. Graphs of Knative mode are left alone. Status is
 * written only when it changes.
 */
public final class InferenceGraphReconciler {
  static final String READY = StatusBuilder.READY;
  static final String STOPPED = "Stopped";
  static final String INVALID_SPEC = "InvalidSpec";
  static final String SERVICE_NOT_FOUND = "ServiceNotFound";
  static final String SERVICE_NOT_READY = "ServiceNotReady";
  static final String NAME_CONFLICT = "NameConflict";

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
    DeploymentMode mode = deploymentMode(graph);
    if (mode != DeploymentMode.STANDARD) {
      LOG.debug(
          "InferenceGraph {}/{}: {} mode is not reconciled here", ns, name, mode.annotation());
      return;
    }
    InferenceGraphStatus previous = graph.getStatus();
    boolean stopped = stopped(graph);
    Observed observed =
        stopped ? stop(graph) : deploy(graph, previous == null ? null : previous.getUrl());
    InferenceGraphStatus next = new InferenceGraphStatus();
    next.setObservedGeneration(graph.getMetadata().getGeneration());
    next.setUrl(observed.url());
    next.setConditions(
        List.of(
            statuses.condition(previous, READY, observed.ready()),
            statuses.condition(previous, STOPPED, new StatusBuilder.Outcome(stopped, null, null))));
    if (!Objects.equals(next, previous)) {
      graph.setStatus(next);
      client.resources(InferenceGraph.class).inNamespace(ns).resource(graph).updateStatus();
      events.recordChange(graph, previous, next);
      StatusBuilder.Outcome ready = observed.ready();
      LOG.info(
          "InferenceGraph {}/{}: status Ready={}{}",
          ns,
          name,
          next.isReady(),
          ready.ready()
              ? ""
              : " ("
                  + ready.reason()
                  + (ready.message() == null ? "" : ": " + ready.message())
                  + ")");
    }
  }

  /** The graph's readiness and URL after a reconcile. */
  private record Observed(StatusBuilder.Outcome ready, String url) {}

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
    return new Observed(new StatusBuilder.Outcome(false, STOPPED_REASON, null), null);
  }

  /**
   * Validates, resolves, renders and applies the graph; {@code url} (the previous one) stays until
   * the router is available, as KServe sets it only then.
   */
  private Observed deploy(InferenceGraph graph, String url) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    ValidationResult validation = validator.validate(graph);
    if (!validation.isValid()) {
      String message =
          validation.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
      LOG.warn("InferenceGraph {}/{}: invalid spec: {}", ns, name, message);
      return new Observed(new StatusBuilder.Outcome(false, INVALID_SPEC, message), url);
    }
    Map<String, InferenceService> services = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    StatusBuilder.Outcome resolved = resolve(graph, services, urls);
    if (!resolved.ready()) {
      LOG.debug("InferenceGraph {}/{}: not applied: {}", ns, name, resolved.message());
      return new Observed(resolved, url);
    }
    StatusBuilder.Outcome applied = apply(graph, urls);
    StatusBuilder.Outcome router =
        applied.ready() ? DeploymentAvailability.of(name, router(graph)) : applied;
    return router.ready()
        ? new Observed(servicesReady(graph, services), renderer.url(graph))
        : new Observed(router, url);
  }

  /**
   * Renders and applies the objects; not ready when they cannot be rendered or another resource
   * holds their names.
   */
  private StatusBuilder.Outcome apply(InferenceGraph graph, Map<String, String> urls) {
    String ns = graph.getMetadata().getNamespace();
    String name = graph.getMetadata().getName();
    List<HasMetadata> objects;
    try {
      objects = renderer.render(graph, urls);
    } catch (IllegalArgumentException e) {
      LOG.warn("InferenceGraph {}/{}: cannot be rendered: {}", ns, name, e.getMessage());
      return new StatusBuilder.Outcome(false, INVALID_SPEC, e.getMessage());
    }
    DesiredStateApplier.Changes changes =
        applier.apply(
            ns, InferenceGraphRenderer.GRAPH_LABEL, name, graph.getMetadata().getUid(), objects);
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
