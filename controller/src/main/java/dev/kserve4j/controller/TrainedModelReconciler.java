package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1alpha1.TrainedModelStatus;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one TrainedModel to its desired state as KServe's TrainedModel controller does: labels it
 * with its parent InferenceService and adds the finalizer {@code trainedmodel.finalizer}; records
 * whether the parent is ready, serves multi-model ({@code IsMMSPredictor}), serves the model's
 * framework ({@code FrameworkSupported}) and has the memory for it ({@code
 * MemoryResourceAvailable}); and, once all hold, adds the model to the parent's model configuration
 * ({@link ModelConfigMap}), which the model server's agent loads from. A deleted TrainedModel
 * leaves the configuration before its finalizer is removed; a TrainedModel whose parent does not
 * exist is deleted, as KServe deletes it. Status is written only when it changes.
 */
public final class TrainedModelReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModelReconciler.class);

  /** KServe's finalizer on TrainedModels. */
  static final String FINALIZER = "trainedmodel.finalizer";

  /** KServe's {@code constants.ParentInferenceServiceLabel}. */
  static final String PARENT_LABEL = "inferenceservice";

  /** KServe's {@code constants.TrainedModelAllocated}: set once the parent's memory was granted. */
  static final String ALLOCATED_LABEL = "serving.kserve.io/trainedmodel-allocated";

  static final String INFERENCE_SERVICE_READY = "InferenceServiceReady";
  static final String IS_MMS_PREDICTOR = "IsMMSPredictor";
  static final String FRAMEWORK_SUPPORTED = "FrameworkSupported";
  static final String MEMORY_RESOURCE_AVAILABLE = "MemoryResourceAvailable";

  private final KubernetesClient client;
  private final StatusBuilder statuses;
  private final ReadinessEvents events;
  private final ModelConfigMap modelConfig;

  public TrainedModelReconciler(KubernetesClient client, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.statuses = new StatusBuilder(requireNonNull(clock, "clock"));
    this.events = new ReadinessEvents(client, clock);
    this.modelConfig = new ModelConfigMap(client);
  }

  /** Reconciles the stored TrainedModel {@code namespace/name}; nothing when it is gone. */
  public void reconcile(String namespace, String name) {
    TrainedModel tm =
        client.resources(TrainedModel.class).inNamespace(namespace).withName(name).get();
    if (tm == null) {
      LOG.debug("TrainedModel {}/{}: gone", namespace, name);
      return;
    }
    String parentName = tm.getSpec().getInferenceService();
    if (tm.getMetadata().getDeletionTimestamp() != null) {
      release(tm, parentName);
      return;
    }
    InferenceService parent =
        client.resources(InferenceService.class).inNamespace(namespace).withName(parentName).get();
    if (parent == null) {
      LOG.info(
          "TrainedModel {}/{}: parent InferenceService {} does not exist, deleting the"
              + " TrainedModel",
          namespace,
          name,
          parentName);
      client.resources(TrainedModel.class).inNamespace(namespace).withName(name).delete();
      return;
    }
    tm = labelledAndFinalized(tm, parentName);
    ParentPredictor predictor = ParentPredictor.of(parent, runtimeFormats(parent));
    List<Check> checks =
        List.of(
            new Check(
                INFERENCE_SERVICE_READY,
                parent.getStatus() != null && parent.getStatus().isReady(),
                "InferenceServiceNotReady",
                "Inference Service needs to be ready before Trained Model can be ready"),
            new Check(
                IS_MMS_PREDICTOR,
                predictor.multiModel(),
                "IsNotMMSPredictor",
                "Inference Service predictor is not configured for multi-model serving"),
            new Check(
                FRAMEWORK_SUPPORTED,
                predictor.supports(tm.getSpec().getModel().framework()),
                "FrameworkNotSupported",
                "Inference Service does not support the Trained Model framework"),
            new Check(
                MEMORY_RESOURCE_AVAILABLE,
                memoryAvailable(tm, parentName, predictor.memoryLimit()),
                "MemoryResourceNotAvailable",
                "Inference Service does not have enough memory resources for Trained Model"));
    writeStatus(tm, status(tm, parent, predictor, checks));
    List<Check> failed = checks.stream().filter(c -> !c.ok()).toList();
    if (!failed.isEmpty()) {
      LOG.info(
          "TrainedModel {}/{}: not added to InferenceService {}: {}",
          namespace,
          name,
          parentName,
          failed.stream().map(Check::reason).toList());
      return;
    }
    if (modelConfig.put(parent, name, tm.getSpec().getModel())) {
      LOG.info(
          "TrainedModel {}/{}: written to ConfigMap {}",
          namespace,
          name,
          ModelConfigMap.name(parentName));
    }
  }

  /**
   * One of KServe's TrainedModel conditions and the reason and message it has when it does not
   * hold.
   */
  private record Check(String type, boolean ok, String reason, String message) {
    StatusBuilder.Outcome outcome() {
      return ok ? StatusBuilder.Outcome.ok() : new StatusBuilder.Outcome(false, reason, message);
    }
  }

  /**
   * Removes the model from its parent's configuration, then the finalizer, so that deletion
   * completes.
   */
  private void release(TrainedModel tm, String parentName) {
    List<String> finalizers = tm.getMetadata().getFinalizers();
    if (finalizers == null || !finalizers.contains(FINALIZER)) {
      return;
    }
    String ns = tm.getMetadata().getNamespace();
    if (modelConfig.remove(ns, parentName, tm.getMetadata().getName())) {
      LOG.info(
          "TrainedModel {}/{}: removed from ConfigMap {}",
          ns,
          tm.getMetadata().getName(),
          ModelConfigMap.name(parentName));
    }
    List<String> remaining = new ArrayList<>(finalizers);
    remaining.remove(FINALIZER);
    tm.getMetadata().setFinalizers(remaining);
    client.resources(TrainedModel.class).inNamespace(ns).resource(tm).update();
  }

  /**
   * Adds the parent label and the finalizer when either is missing; the stored TrainedModel after
   * that.
   */
  private TrainedModel labelledAndFinalized(TrainedModel tm, String parentName) {
    Map<String, String> labels =
        tm.getMetadata().getLabels() == null
            ? new HashMap<>()
            : new HashMap<>(tm.getMetadata().getLabels());
    List<String> finalizers =
        tm.getMetadata().getFinalizers() == null
            ? new ArrayList<>()
            : new ArrayList<>(tm.getMetadata().getFinalizers());
    if (parentName.equals(labels.get(PARENT_LABEL)) && finalizers.contains(FINALIZER)) {
      return tm;
    }
    labels.put(PARENT_LABEL, parentName);
    if (!finalizers.contains(FINALIZER)) {
      finalizers.add(FINALIZER);
    }
    tm.getMetadata().setLabels(labels);
    tm.getMetadata().setFinalizers(finalizers);
    return client
        .resources(TrainedModel.class)
        .inNamespace(tm.getMetadata().getNamespace())
        .resource(tm)
        .update();
  }

  /**
   * KServe's memory check: the memory of the TrainedModels already allocated on the parent, plus
   * this one's when it is not, must fit the predictor's memory limit. A model that fits is labelled
   * allocated, so that it keeps its place when later models do not fit.
   */
  private boolean memoryAvailable(TrainedModel tm, String parentName, BigDecimal limit) {
    String ns = tm.getMetadata().getNamespace();
    List<TrainedModel> allocated =
        new ArrayList<>(
            client
                .resources(TrainedModel.class)
                .inNamespace(ns)
                .withLabel(PARENT_LABEL, parentName)
                .withLabel(ALLOCATED_LABEL, parentName)
                .list()
                .getItems());
    boolean isAllocated = tm.getMetadata().getLabels().containsKey(ALLOCATED_LABEL);
    if (!isAllocated) {
      allocated.add(tm);
    }
    BigDecimal total =
        allocated.stream()
            .map(t -> t.getSpec().getModel().memory())
            .filter(Objects::nonNull)
            .map(Quantity::getNumericalAmount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (limit.compareTo(total) < 0) {
      LOG.info(
          "TrainedModel {}/{}: Inference Service \"{}\" memory resources are not available: {}"
              + " bytes requested by its TrainedModels, predictor memory limit {} bytes",
          ns,
          tm.getMetadata().getName(),
          parentName,
          total.toPlainString(),
          limit.toPlainString());
      return false;
    }
    if (!isAllocated) {
      tm.getMetadata().getLabels().put(ALLOCATED_LABEL, parentName);
      TrainedModel updated =
          client.resources(TrainedModel.class).inNamespace(ns).resource(tm).update();
      tm.setMetadata(updated.getMetadata());
    }
    return true;
  }

  private TrainedModelStatus status(
      TrainedModel tm, InferenceService parent, ParentPredictor predictor, List<Check> checks) {
    TrainedModelStatus previous = tm.getStatus();
    TrainedModelStatus next = new TrainedModelStatus();
    InferenceServiceStatus parentStatus = parent.getStatus();
    String path = predictor.predictPath(tm.getMetadata().getName());
    if (parentStatus != null && parentStatus.getUrl() != null) {
      next.setUrl(parentStatus.getUrl() + path);
    }
    if (parentStatus != null
        && parentStatus.getAddress() != null
        && parentStatus.getAddress().url() != null) {
      next.setAddress(new Addressable(parentStatus.getAddress().url() + path));
    }
    // Knative's living condition set: Ready takes the reason of the last dependent marked False, in
    // the
    // order KServe marks them; the conditions are kept sorted by type.
    StatusBuilder.Outcome ready = StatusBuilder.Outcome.ok();
    List<Condition> conditions = new ArrayList<>();
    for (Check check : checks) {
      conditions.add(statuses.condition(previous, check.type(), check.outcome()));
      if (!check.ok()) {
        ready = check.outcome();
      }
    }
    conditions.add(statuses.condition(previous, StatusBuilder.READY, ready));
    conditions.sort((a, b) -> a.type().compareTo(b.type()));
    next.setConditions(conditions);
    return next;
  }

  private void writeStatus(TrainedModel tm, TrainedModelStatus next) {
    TrainedModelStatus previous = tm.getStatus();
    if (Objects.equals(next, previous)) {
      return;
    }
    tm.setStatus(next);
    client
        .resources(TrainedModel.class)
        .inNamespace(tm.getMetadata().getNamespace())
        .resource(tm)
        .updateStatus();
    events.recordChange(tm, previous, next);
    LOG.info(
        "TrainedModel {}/{}: status Ready={}",
        tm.getMetadata().getNamespace(),
        tm.getMetadata().getName(),
        next.isReady());
  }

  /** The model formats of the runtime the parent's status names, when it exists. */
  private List<SupportedModelFormat> runtimeFormats(InferenceService parent) {
    InferenceServiceStatus status = parent.getStatus();
    if (status == null) {
      return List.of();
    }
    if (status.getServingRuntimeName() != null) {
      ServingRuntime runtime =
          client
              .resources(ServingRuntime.class)
              .inNamespace(parent.getMetadata().getNamespace())
              .withName(status.getServingRuntimeName())
              .get();
      return runtime == null || runtime.getSpec() == null
          ? List.of()
          : formats(runtime.getSpec().getSupportedModelFormats());
    }
    if (status.getClusterServingRuntimeName() != null) {
      ClusterServingRuntime runtime =
          client
              .resources(ClusterServingRuntime.class)
              .withName(status.getClusterServingRuntimeName())
              .get();
      return runtime == null || runtime.getSpec() == null
          ? List.of()
          : formats(runtime.getSpec().getSupportedModelFormats());
    }
    return List.of();
  }

  private static List<SupportedModelFormat> formats(List<SupportedModelFormat> formats) {
    return formats == null ? List.of() : formats;
  }
}
