package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator: informers on InferenceServices and on the Deployments labelled with one (so
 * that a Deployment's readiness change reconciles its InferenceService again), in each watched
 * namespace or in all, feeding one {@link ReconcileLoop}. Every InferenceService is also
 * reconciled again at each resync.
 */
public final class ControllerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  private ControllerMain() {}

  /** {@link #start(KubernetesClient, ControllerConfig, MeterRegistry)} keeping its metrics in memory only. */
  public static Closeable start(KubernetesClient client, ControllerConfig config) {
    return start(client, config, new SimpleMeterRegistry());
  }

  /**
   * Starts watching; closing the result stops the informers and the loop.
   *
   * @param registry receives the reconcile loop's metrics ({@link ReconcileLoop})
   */
  public static Closeable start(KubernetesClient client, ControllerConfig config, MeterRegistry registry) {
    InferenceServiceReconciler reconciler = new InferenceServiceReconciler(client, config, Clock.systemUTC());
    ReconcileLoop loop = new ReconcileLoop("InferenceService", reconciler::reconcile, config.retryDelay(), registry);
    List<SharedIndexInformer<?>> informers = new ArrayList<>();
    long resync = config.resync().toMillis();
    ResourceEventHandler<InferenceService> isvcs = handler(o -> loop.enqueue(o.getMetadata().getNamespace(),
        o.getMetadata().getName()));
    ResourceEventHandler<Deployment> deployments = handler(loop::enqueueOwner);
    if (config.namespaces().isEmpty()) {
      informers.add(client.resources(InferenceService.class).inAnyNamespace().inform(isvcs, resync));
      informers.add(client.apps().deployments().inAnyNamespace().withLabel(ComponentMeta.ISVC_LABEL)
          .inform(deployments, resync));
    } else {
      for (String ns : config.namespaces()) {
        informers.add(client.resources(InferenceService.class).inNamespace(ns).inform(isvcs, resync));
        informers.add(client.apps().deployments().inNamespace(ns).withLabel(ComponentMeta.ISVC_LABEL)
            .inform(deployments, resync));
      }
    }
    LOG.info("watching InferenceServices in {}", config.namespaces().isEmpty() ? "all namespaces" : config.namespaces());
    return () -> {
      informers.forEach(SharedIndexInformer::close);
      loop.close();
    };
  }

  /** Every add and update queues; a deletion queues too, so that a deleted Deployment is recreated. */
  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> enqueue) {
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
