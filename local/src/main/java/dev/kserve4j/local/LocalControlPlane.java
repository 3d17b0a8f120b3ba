package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.storage.ModelStorage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies InferenceServices to an in-process model repository and reports their status as KServe
 * does: observe the stored resource, plan it ({@link InferenceServicePlanner}), fetch the model
 * ({@link ModelStorage}), load it as a revision and route traffic to it ({@link PredictorRollout})
 * and record the outcome as KServe's status ({@link StatusWriter}).
 *
 * <p>Each InferenceService serves under its own name, as KServe's runtimes are started with {@code
 * --model-name={{.Name}}}, so clients call {@code /v2/models/{name}} unchanged, directly or through
 * the InferenceService's host or {@code /serving/{namespace}/{name}/} path, which are published to
 * {@link ServiceRoutes} once a revision serves. One server has one model namespace: an
 * InferenceService whose name another namespace already serves is refused rather than silently
 * taking its model over.
 *
 * <p>Changes run one at a time. Applying an unchanged spec that serves is a no-op; applying one
 * that failed retries it under the same revision. A failed change leaves the previous revision
 * serving.
 */
public final class LocalControlPlane {
  private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);

  private final ModelDeployer deployer;
  private final LocalAutoscaler autoscaler;
  private final ServiceRoutes routes;
  private final LocalLlmServices llms;

  /** The InferenceGraphs, or null for a control plane without a server of its own to route. */
  private final LocalGraphs graphs;

  /** The runtimes to select from. Guarded by {@code this}. */
  private final LocalRuntimes runtimes;

  private final PlanConfig config;
  private final StatusWriter statuses;
  private final PredictorRollout rollout;
  private final ComponentDeployer components;
  private final Clock clock;
  private final InferenceServicePlanner planner = new InferenceServicePlanner();

  /** Guarded by {@code this}, as is every change. */
  private final Map<Key, Deployment> deployments = new LinkedHashMap<>();

  /**
   * A control plane with routes of its own, for a server that routes by model name only.
   *
   * @param runtimes the ClusterServingRuntimes to select from, e.g. {@link
   *     EmbeddedRuntimes#clusterRuntimes()}
   */
  public LocalControlPlane(
      ModelRepository repository,
      ModelStorage storage,
      List<RuntimeCandidate> runtimes,
      PlanConfig config,
      Clock clock) {
    this(
        repository,
        storage,
        runtimes,
        config,
        clock,
        new ServiceRoutes(requireNonNull(config, "config").ingressDomain()));
  }

  /**
   * @param runtimes the ClusterServingRuntimes to select from, e.g. {@link
   *     EmbeddedRuntimes#clusterRuntimes()}
   * @param routes where the hosts and paths of serving InferenceServices are published; the same
   *     instance the server routes with ({@code KServeServer.start(config, runtimes, routes)})
   */
  public LocalControlPlane(
      ModelRepository repository,
      ModelStorage storage,
      List<RuntimeCandidate> runtimes,
      PlanConfig config,
      Clock clock,
      ServiceRoutes routes) {
    this(repository, storage, runtimes, config, clock, routes, null);
  }

  /**
   * A control plane that also serves InferenceGraphs.
   *
   * @param graphs the graphs, routed through {@code routes} (null: InferenceGraphs are refused)
   */
  public LocalControlPlane(
      ModelRepository repository,
      ModelStorage storage,
      List<RuntimeCandidate> runtimes,
      PlanConfig config,
      Clock clock,
      ServiceRoutes routes,
      LocalGraphs graphs) {
    this(repository, storage, runtimes, config, clock, routes, graphs, null);
  }

  /**
   * A control plane that also runs transformers and explainers, in {@code host}'s server.
   *
   * @param host the server the transformers and explainers run in (null: they are refused)
   */
  public LocalControlPlane(
      ModelRepository repository,
      ModelStorage storage,
      List<RuntimeCandidate> runtimes,
      PlanConfig config,
      Clock clock,
      ServiceRoutes routes,
      LocalGraphs graphs,
      ComponentHost host) {
    this.graphs = graphs;
    this.autoscaler =
        new LocalAutoscaler(requireNonNull(repository, "repository"), Clock.systemUTC());
    this.deployer = new ModelDeployer(repository, requireNonNull(storage, "storage"), autoscaler);
    this.runtimes = new LocalRuntimes(requireNonNull(runtimes, "runtimes"));
    this.routes = requireNonNull(routes, "routes");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.llms = new LocalLlmServices(repository, storage, config, clock);
    this.statuses = new StatusWriter(clock);
    this.rollout = new PredictorRollout(deployer, routes, statuses);
    this.components = new ComponentDeployer(deployer, routes, host);
  }

  /**
   * Applies {@code isvc}, as {@code kubectl apply} followed by KServe's reconcile would, and
   * returns the stored resource with its status. A resource KServe's validating webhook denies is
   * refused before anything is stored or changed (see {@link #admit}); other failures are reported
   * in the status, never thrown.
   *
   * @throws IllegalArgumentException when the resource has no {@code metadata.name}
   * @throws AdmissionDeniedException when KServe's webhook would deny it
   */
  public synchronized InferenceService apply(InferenceService isvc) {
    requireNonNull(isvc, "isvc");
    InferenceService desired = DesiredState.copy(isvc);
    Key key = Key.of(desired);
    desired.getMetadata().setNamespace(key.namespace());
    Deployment previous = deployments.get(key);
    admit(desired, previous == null ? null : previous.resource());
    // As the API server does: stamped once, to the second, and kept across updates.
    desired
        .getMetadata()
        .setCreationTimestamp(
            previous != null
                ? previous.resource().getMetadata().getCreationTimestamp()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    boolean changed = previous == null || !DesiredState.same(previous.resource(), desired);
    if (!changed && previous.resource().getStatus().isReady()) {
      return DesiredState.copy(previous.resource());
    }
    long generation =
        previous == null
            ? 1
            : previous.resource().getMetadata().getGeneration() + (changed ? 1 : 0);
    desired.getMetadata().setGeneration(generation);
    Deployment next = reconcile(key, desired, previous);
    next.resource().getStatus().setObservedGeneration(generation);
    deployments.put(key, next);
    refreshGraphs();
    log.info(
        "InferenceService/{}/{}: generation {} applied, Ready={}",
        key.namespace(),
        key.name(),
        generation,
        next.resource().getStatus().isReady());
    return DesiredState.copy(next.resource());
  }

  /**
   * Refuses {@code resource} as the Kubernetes API server refuses what KServe's validating webhooks
   * deny (the same checks the operator's webhook server runs, {@code ValidatingWebhooks}), so that
   * nothing of it is stored: an InferenceService is judged as an update of the one stored under its
   * name, if any. Other kinds are admitted.
   *
   * @throws IllegalArgumentException when an InferenceService has no {@code metadata.name}
   * @throws AdmissionDeniedException with the webhook's name and message
   */
  public synchronized void admit(HasMetadata resource) {
    requireNonNull(resource, "resource");
    if (resource instanceof InferenceService isvc) {
      Key key = Key.of(isvc);
      Deployment stored = deployments.get(key);
      admit(isvc, stored == null ? null : stored.resource());
    } else if (resource instanceof InferenceGraph graph) {
      graphs().admit(graph);
    }
  }

  /**
   * Applies an InferenceGraph: serves it at its host and path, and returns it with its status
   * ({@code Ready} once every InferenceService it names is).
   *
   * @throws AdmissionDeniedException when KServe's webhook would deny it
   * @throws IllegalArgumentException when it cannot run (see {@link LocalGraphs})
   */
  public synchronized InferenceGraph applyGraph(InferenceGraph graph) {
    return graphs().apply(requireNonNull(graph, "graph"), this::serviceReady);
  }

  /** Stops serving the InferenceGraph; false when there is none. */
  public synchronized boolean deleteGraph(String namespace, String name) {
    return graphs != null && graphs.delete(namespace, name);
  }

  /** The InferenceGraph with its status, if it was applied. */
  public synchronized Optional<InferenceGraph> getGraph(String namespace, String name) {
    return graphs == null ? Optional.empty() : graphs.get(namespace, name);
  }

  /** Every applied InferenceGraph with its status. */
  public synchronized List<InferenceGraph> listGraphs() {
    return graphs == null ? List.of() : graphs.list();
  }

  private LocalGraphs graphs() {
    if (graphs == null) {
      throw new IllegalArgumentException(
          "InferenceGraph: this control plane routes no graphs (expected `kserve4j up`, which"
              + " serves them)");
    }
    return graphs;
  }

  private void refreshGraphs() {
    if (graphs != null) {
      graphs.refresh(this::serviceReady);
    }
  }

  private Optional<Boolean> serviceReady(String namespace, String name) {
    return Optional.ofNullable(deployments.get(new Key(namespace, name)))
        .map(d -> d.resource().getStatus() != null && d.resource().getStatus().isReady());
  }

  private void admit(InferenceService isvc, InferenceService stored) {
    planner
        .admissionDenial(isvc, stored, config)
        .ifPresent(
            denial -> {
              throw new AdmissionDeniedException(ValidatingWebhooks.INFERENCE_SERVICE, denial);
            });
    LocalAutoscaler.admissionDenial(isvc)
        .ifPresent(
            denial -> {
              throw new AdmissionDeniedException(LocalAutoscaler.KNATIVE_WEBHOOK, denial);
            });
  }

  private Deployment reconcile(Key key, InferenceService desired, Deployment previous) {
    InferenceServiceStatus before = previous == null ? null : previous.resource().getStatus();
    RevisionSet revisions =
        previous == null ? RevisionSet.none(key.name() + "-predictor") : previous.revisions();
    String model = previous == null ? null : previous.model();
    Map<String, ComponentDeployer.State> parts =
        previous == null ? Map.of() : previous.components();
    PlanResult result =
        planner.plan(desired, runtimes.namespaced(key.namespace()), runtimes.cluster(), config);
    if (result instanceof PlanResult.Rejected rejected) {
      String message =
          rejected.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
      Failure failure =
          Failure.invalidSpec(FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", message);
      return unplanned(desired, failure, revisions, model, parts, before);
    }
    if (result instanceof PlanResult.NoRuntime none) {
      Failure failure =
          Failure.invalidSpec(
              FailureReason.NO_SUPPORTING_RUNTIME,
              none.failure().reason(),
              none.failure().message() + ": " + none.failure().detail());
      return unplanned(desired, failure, revisions, model, parts, before);
    }
    InferenceServicePlan plan = ((PlanResult.Planned) result).plan();
    Optional<Failure> conflict = conflict(key);
    ModelDeployer.Prepared prepared =
        conflict.isPresent()
            ? new ModelDeployer.Refused(conflict.get())
            : deployer.scaled(
                deployer.prepare(key.name(), plan, desired.getSpec().getPredictor().getBatcher()),
                desired,
                plan.predictor());
    String name =
        prepared instanceof ModelDeployer.Launch l
            ? l.modelName()
            : model == null ? key.name() : model;
    ComponentDeployer.Staged staged = components.stage(desired, plan, name, parts);
    PredictorRollout.Outcome outcome =
        prepared instanceof ModelDeployer.Launch launch
            ? rollout.apply(
                desired,
                plan,
                launch,
                revisions,
                modelConflict(key, name),
                staged.observations(plan),
                before)
            : rollout.refused(
                desired,
                plan,
                name,
                revisions,
                ((ModelDeployer.Refused) prepared).failure(),
                staged.observations(plan),
                before);
    components.retire(staged);
    desired.setStatus(outcome.status());
    RevisionSet next = outcome.revisions();
    if (next.latestFailure() != null) {
      warn(desired, next.latestFailure());
    }
    String served =
        next.serving()
                && prepared instanceof ModelDeployer.Launch launch
                && next.latestFailure() == null
            ? launch.modelName()
            : model;
    return new Deployment(desired, next, next.serving() ? served : null, staged.states());
  }

  /** The spec could not be planned: what served keeps serving. */
  private Deployment unplanned(
      InferenceService desired,
      Failure failure,
      RevisionSet revisions,
      String model,
      Map<String, ComponentDeployer.State> parts,
      InferenceServiceStatus before) {
    desired.setStatus(statuses.unplanned(failure, revisions.serving(), before));
    warn(desired, failure);
    return new Deployment(desired, revisions, model, parts);
  }

  private static void warn(InferenceService desired, Failure failure) {
    log.warn(
        "InferenceService/{}/{}: {} ({})",
        desired.getMetadata().getNamespace(),
        desired.getMetadata().getName(),
        failure.conditionReason(),
        failure.message());
  }

  /** Another namespace's InferenceService of the same name already owns the served model name. */
  private Optional<Failure> conflict(Key key) {
    return deployments.keySet().stream()
        .filter(k -> k.name().equals(key.name()) && !k.equals(key))
        .findFirst()
        .map(
            other ->
                Failure.invalidSpec(
                    FailureReason.INVALID_PREDICTOR_SPEC,
                    "NameConflict",
                    "metadata.name: '"
                        + key.name()
                        + "' is already served for namespace '"
                        + other.namespace()
                        + "' (expected a name no other namespace uses: one embedded"
                        + " server serves each model under its InferenceService's name)"));
  }

  /**
   * Another InferenceService already serves {@code model}, e.g. a custom container whose args name
   * that model.
   */
  private Optional<Failure> modelConflict(Key key, String model) {
    return deployments.entrySet().stream()
        .filter(e -> !e.getKey().equals(key) && e.getValue().serving())
        .filter(e -> model.equals(e.getValue().model()))
        .findFirst()
        .map(
            other ->
                Failure.invalidSpec(
                    FailureReason.INVALID_PREDICTOR_SPEC,
                    "NameConflict",
                    "model '"
                        + model
                        + "' is already served by InferenceService "
                        + other.getKey().namespace()
                        + "/"
                        + other.getKey().name()
                        + " (expected a model name no other InferenceService serves: one embedded"
                        + " server serves each model name once)"));
  }

  /** Deletes the InferenceService and stops serving its model; false when there is none. */
  public synchronized boolean delete(String namespace, String name) {
    Key key = new Key(requireNonNull(namespace, "namespace"), requireNonNull(name, "name"));
    Deployment removed = deployments.remove(key);
    if (removed == null) {
      return false;
    }
    rollout.remove(namespace, name, removed.revisions());
    components.remove(removed.components());
    refreshGraphs();
    log.info("InferenceService/{}/{}: deleted", namespace, name);
    return true;
  }

  /**
   * Applies a ServingRuntime (to its namespace) or a ClusterServingRuntime, replacing one of the
   * same name. InferenceServices applied afterwards select from it; those serving keep their
   * runtime until they are applied again, as KServe leaves running predictors alone.
   *
   * @throws IllegalArgumentException when the resource is neither, or has no name
   */
  public synchronized void applyRuntime(HasMetadata runtime) {
    runtimes.apply(requireNonNull(runtime, "runtime"));
    log.info("{}/{}: applied", runtime.getKind(), runtime.getMetadata().getName());
  }

  /** The kinds {@link #apply} and {@link #applyRuntime} take, as error messages name them. */
  public static final String APPLICABLE_KINDS =
      "serving.kserve.io InferenceService, InferenceGraph,"
          + " LLMInferenceService, ServingRuntime or ClusterServingRuntime resources";

  /** Whether this control plane can apply {@code resource}: see {@link #APPLICABLE_KINDS}. */
  public static boolean applicable(HasMetadata resource) {
    return resource instanceof InferenceService
        || resource instanceof InferenceGraph
        || resource instanceof ServingRuntime
        || resource instanceof ClusterServingRuntime
        || resource instanceof LLMInferenceService;
  }

  /**
   * Applies an LLMInferenceService: a single-node GGUF model is served by llama.cpp under its model
   * name; anything one machine cannot run is refused in the status (see {@link LocalLlmServices}).
   */
  public synchronized LLMInferenceService applyLlm(LLMInferenceService llmSvc) {
    LLMInferenceService applied = llms.apply(requireNonNull(llmSvc, "llmSvc"));
    log.info(
        "LLMInferenceService/{}/{}: generation {} applied, Ready={}",
        applied.getMetadata().getNamespace(),
        applied.getMetadata().getName(),
        applied.getMetadata().getGeneration(),
        applied.getStatus().isReady());
    return applied;
  }

  /** Deletes the LLMInferenceService and stops serving its model; false when there is none. */
  public synchronized boolean deleteLlm(String namespace, String name) {
    return llms.delete(requireNonNull(namespace, "namespace"), requireNonNull(name, "name"));
  }

  /** The LLMInferenceService with its status, if it was applied. */
  public synchronized Optional<LLMInferenceService> getLlm(String namespace, String name) {
    return llms.get(namespace, name);
  }

  /** Every applied LLMInferenceService with its status. */
  public synchronized List<LLMInferenceService> listLlm() {
    return llms.list();
  }

  /**
   * The InferenceService with its status, if it was applied; the status shows each component's
   * replicas as they are now ({@link ReplicaStatus}).
   */
  public synchronized Optional<InferenceService> get(String namespace, String name) {
    Key key = new Key(requireNonNull(namespace, "namespace"), requireNonNull(name, "name"));
    return Optional.ofNullable(deployments.get(key)).map(d -> observed(d.resource()));
  }

  /** Every applied InferenceService with its status, in the order they were first applied. */
  public synchronized List<InferenceService> list() {
    return deployments.values().stream().map(d -> observed(d.resource())).toList();
  }

  private InferenceService observed(InferenceService stored) {
    InferenceService copy = DesiredState.copy(stored);
    ReplicaStatus.write(copy, autoscaler.replicas(Key.of(copy)));
    return copy;
  }

  /**
   * Scales the InferenceServices' components as Knative's autoscaler does, from now on, and
   * publishes its meters to {@code registry} ({@code kserve4j_autoscaler_*}); without it each
   * component keeps the replicas it started with.
   */
  public void startAutoscaling(MeterRegistry registry) {
    startAutoscaling(registry, LocalAutoscaler.DEFAULT_GRACE);
  }

  /**
   * As {@link #startAutoscaling(MeterRegistry)}, with Knative's {@code scale-to-zero-grace-period}
   * (default 30 s) set to {@code scaleToZeroGracePeriod}.
   */
  public void startAutoscaling(MeterRegistry registry, java.time.Duration scaleToZeroGracePeriod) {
    autoscaler.scaleToZeroGracePeriod(scaleToZeroGracePeriod);
    autoscaler.bindTo(registry);
    autoscaler.start();
  }

  /** Stops scaling (the replicas stay as they are). */
  public void stopAutoscaling() {
    autoscaler.close();
  }

  /**
   * The stored resource, its predictor's revisions, whether a revision of it serves, the model name
   * it serves (null when none serves), and its transformer and explainer.
   */
  private record Deployment(
      InferenceService resource,
      RevisionSet revisions,
      String model,
      Map<String, ComponentDeployer.State> components) {
    boolean serving() {
      return revisions.serving();
    }
  }
}
