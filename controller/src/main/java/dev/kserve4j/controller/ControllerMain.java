package dev.kserve4j.controller;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator: one {@link ReconcileLoop} per kind (InferenceService, InferenceGraph,
 * TrainedModel), fed by informers in each watched namespace or in all of them:
 * <ul>
 *   <li>InferenceServices, and the Deployments, pods and Knative Services labelled with one (a
 *       replica becoming available, a pod crash-looping, a new Knative revision reconcile it again);
 *       a changed InferenceService also reconciles the graphs whose steps name it and its TrainedModels;
 *       a changed ServingRuntime reconciles the InferenceServices of its namespace, a changed
 *       ClusterServingRuntime all of them (the runtime a model gets may change);
 *   <li>InferenceGraphs, and the router Deployments labelled with one;
 *   <li>TrainedModels.
 * </ul>
 * Every object is also reconciled again at each resync.
 */
public final class ControllerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  private ControllerMain() {}

  /** {@link #start(KubernetesClient, ControllerConfig, MeterRegistry)} keeping its metrics in memory only. */
  public static Closeable start(KubernetesClient client, ControllerConfig config) {
    return start(client, config, new SimpleMeterRegistry());
  }

  /**
   * Starts watching; closing the result stops the informers and the loops.
   *
   * @param registry receives the reconcile loops' metrics ({@link ReconcileLoop})
   */
  public static Closeable start(KubernetesClient client, ControllerConfig config, MeterRegistry registry) {
    Clock clock = Clock.systemUTC();
    InferenceServiceReconciler isvcReconciler = new InferenceServiceReconciler(client, config, clock);
    InferenceGraphReconciler graphReconciler = new InferenceGraphReconciler(client, config, clock);
    TrainedModelReconciler modelReconciler = new TrainedModelReconciler(client, clock);
    ReconcileLoop isvcs = new ReconcileLoop("InferenceService", isvcReconciler::reconcile, config.retryDelay(), registry);
    ReconcileLoop graphs = new ReconcileLoop("InferenceGraph", graphReconciler::reconcile, config.retryDelay(), registry);
    ReconcileLoop models = new ReconcileLoop("TrainedModel", modelReconciler::reconcile, config.retryDelay(), registry);
    long resync = config.resync().toMillis();
    boolean knative = supportsKnative(client);
    List<SharedIndexInformer<?>> informers = new ArrayList<>();
    List<String> scopes = config.namespaces().isEmpty() ? Arrays.asList((String) null) : List.copyOf(config.namespaces());
    List<SharedIndexInformer<InferenceService>> isvcInformers = new ArrayList<>();
    for (String ns : scopes) {
      SharedIndexInformer<InferenceGraph> graphInformer = scoped(client.resources(InferenceGraph.class), ns, null)
          .inform(handler(o -> graphs.enqueue(o.getMetadata().getNamespace(), o.getMetadata().getName())), resync);
      SharedIndexInformer<TrainedModel> modelInformer = scoped(client.resources(TrainedModel.class), ns, null)
          .inform(handler(o -> models.enqueue(o.getMetadata().getNamespace(), o.getMetadata().getName())), resync);
      informers.add(graphInformer);
      informers.add(modelInformer);
      ResourceEventHandler<InferenceService> onService = handler(isvc -> {
        String namespace = isvc.getMetadata().getNamespace();
        String name = isvc.getMetadata().getName();
        isvcs.enqueue(namespace, name);
        graphInformer.getStore().list().stream()
            .filter(g -> namespace.equals(g.getMetadata().getNamespace()))
            .filter(g -> InferenceGraphReconciler.referencedServices(g).contains(name))
            .forEach(g -> graphs.enqueue(namespace, g.getMetadata().getName()));
        modelInformer.getStore().list().stream()
            .filter(m -> namespace.equals(m.getMetadata().getNamespace()))
            .filter(m -> m.getSpec() != null && name.equals(m.getSpec().getInferenceService()))
            .forEach(m -> models.enqueue(namespace, m.getMetadata().getName()));
      });
      SharedIndexInformer<InferenceService> isvcInformer = scoped(client.resources(InferenceService.class), ns, null)
          .inform(onService, resync);
      isvcInformers.add(isvcInformer);
      informers.add(isvcInformer);
      // A runtime added, changed or removed may change which runtime serves the namespace's services.
      informers.add(scoped(client.resources(ServingRuntime.class), ns, null).inform(handler(runtime ->
          requeue(isvcInformer, isvcs, runtime.getMetadata().getNamespace())), resync));
      ResourceEventHandler<Deployment> deployments = handler(d -> {
        isvcs.enqueueOwner(d, ComponentMeta.ISVC_LABEL);
        graphs.enqueueOwner(d, InferenceGraphRenderer.GRAPH_LABEL);
      });
      informers.add(scoped(client.apps().deployments(), ns, ComponentMeta.ISVC_LABEL).inform(deployments, resync));
      informers.add(scoped(client.apps().deployments(), ns, InferenceGraphRenderer.GRAPH_LABEL).inform(deployments, resync));
      informers.add(scoped(client.pods(), ns, ComponentMeta.ISVC_LABEL)
          .inform(handler((Pod p) -> isvcs.enqueueOwner(p, ComponentMeta.ISVC_LABEL)), resync));
      if (knative) {
        informers.add(scoped(client.genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE), ns, ComponentMeta.ISVC_LABEL)
            .inform(handler((GenericKubernetesResource k) -> isvcs.enqueueOwner(k, ComponentMeta.ISVC_LABEL)), resync));
      }
    }
    informers.add(client.resources(ClusterServingRuntime.class).inform(handler(runtime ->
        isvcInformers.forEach(i -> requeue(i, isvcs, null))), resync));
    LOG.info("watching InferenceServices, InferenceGraphs and TrainedModels in {}{}",
        config.namespaces().isEmpty() ? "all namespaces" : config.namespaces(),
        knative ? ", and Knative Services" : " (Knative Serving is not installed)");
    return () -> {
      informers.forEach(SharedIndexInformer::close);
      isvcs.close();
      graphs.close();
      models.close();
    };
  }

  /** Queues every InferenceService {@code informer} holds in {@code namespace} (null: in all). */
  private static void requeue(SharedIndexInformer<InferenceService> informer, ReconcileLoop loop, String namespace) {
    informer.getStore().list().stream()
        .filter(i -> namespace == null || namespace.equals(i.getMetadata().getNamespace()))
        .forEach(i -> loop.enqueue(i.getMetadata().getNamespace(), i.getMetadata().getName()));
  }

  /** Whether the cluster serves Knative's {@code serving.knative.dev/v1} Service (Knative mode). */
  private static boolean supportsKnative(KubernetesClient client) {
    try {
      return client.supports("serving.knative.dev/v1", "Service");
    } catch (RuntimeException e) {
      LOG.warn("cannot tell whether Knative Serving is installed ({}); Knative Services are not watched", e.toString());
      return false;
    }
  }

  /** {@code op} in namespace {@code ns} (null: all namespaces), restricted to objects with {@code label} when given. */
  private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      FilterWatchListDeletable<T, L, ?> scoped(MixedOperation<T, L, R> op, String ns, String label) {
    FilterWatchListDeletable<T, L, ?> scope = ns == null ? op.inAnyNamespace() : op.inNamespace(ns);
    return label == null ? scope : scope.withLabel(label);
  }

  /** Every add and update queues; a deletion queues too, so that a deleted object is recreated. */
  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> enqueue) {
    Objects.requireNonNull(enqueue, "enqueue");
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        enqueue.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        enqueue.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        enqueue.accept(obj);
      }
    };
  }
}
