package dev.kserve4j.controller;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * The Java Operator SDK side of the operator: one {@link Reconciler} per kind, each handing the
 * resource's {@code namespace/name} to the kserve4j reconciler of that kind (which reads the stored
 * resource, applies what it renders and writes the status itself), and the event sources that make
 * a change of a related object reconcile its owner again. They run with {@code
 * triggerReconcilerOnAllEvents}: the kserve4j reconcilers handle deletion and their own finalizers.
 */
final class KServeControllers {
  private KServeControllers() {}

  /**
   * Hands each resource's {@code namespace/name} to a kserve4j reconciler, which writes what it
   * changes.
   */
  private abstract static class Delegating<P extends HasMetadata> implements Reconciler<P> {
    private final BiConsumer<String, String> reconcile;

    Delegating(BiConsumer<String, String> reconcile) {
      this.reconcile = reconcile;
    }

    @Override
    public final UpdateControl<P> reconcile(P resource, Context<P> context) {
      reconcile.accept(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
  }

  /**
   * Objects of {@code type}; a change reconciles the primaries of its namespace that {@code
   * related} accepts.
   */
  private static <S extends HasMetadata, P extends HasMetadata> InformerEventSource<S, P> related(
      Class<S> type, Class<P> primary, EventSourceContext<P> context, BiPredicate<S, P> related) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, primary)
            .withName(type.getSimpleName())
            .withSecondaryToPrimaryMapper(
                o ->
                    context
                        .getPrimaryCache()
                        .list(o.getMetadata().getNamespace(), p -> related.test(o, p))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  /**
   * Objects of {@code type} labelled {@code label}; a change reconciles the primary the label
   * names.
   */
  private static <S extends HasMetadata, P extends HasMetadata> InformerEventSource<S, P> labelled(
      Class<S> type, Class<P> primary, String label, EventSourceContext<P> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, primary)
            .withName(type.getSimpleName() + "-" + label)
            .withLabelSelector(label)
            .withSecondaryToPrimaryMapper(
                o ->
                    Set.of(
                        new ResourceID(
                            o.getMetadata().getLabels().get(label),
                            o.getMetadata().getNamespace())))
            .build(),
        context);
  }

  /**
   * Knative Services labelled {@code label}; a change (a new revision, readiness) reconciles the
   * primary the label names.
   */
  private static <P extends HasMetadata>
      InformerEventSource<GenericKubernetesResource, P> knativeServices(
          Class<P> primary, String label, EventSourceContext<P> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(
                new GroupVersionKind("serving.knative.dev", "v1", "Service"), primary)
            .withName("KnativeService")
            .withLabelSelector(label)
            .withSecondaryToPrimaryMapper(
                o ->
                    Set.of(
                        new ResourceID(
                            o.getMetadata().getLabels().get(label),
                            o.getMetadata().getNamespace())))
            .build(),
        context);
  }

  /** InferenceServices: Standard and Knative mode, through {@link InferenceServiceReconciler}. */
  static final class InferenceServices extends Delegating<InferenceService> {
    private final boolean knative;

    InferenceServices(InferenceServiceReconciler reconciler, boolean knative) {
      super(reconciler::reconcile);
      this.knative = knative;
    }

    /**
     * Deployments, pods and (where Knative Serving is installed) Knative Services labelled with an
     * InferenceService reconcile it: a replica becoming available, a pod crash-looping, a new
     * revision. A changed ServingRuntime reconciles the InferenceServices of its namespace, a
     * changed ClusterServingRuntime all of them: the runtime a model gets may change.
     */
    @Override
    public List<EventSource<?, InferenceService>> prepareEventSources(
        EventSourceContext<InferenceService> context) {
      List<EventSource<?, InferenceService>> sources = new ArrayList<>();
      sources.add(
          labelled(Deployment.class, InferenceService.class, ComponentMeta.ISVC_LABEL, context));
      sources.add(labelled(Pod.class, InferenceService.class, ComponentMeta.ISVC_LABEL, context));
      if (knative) {
        sources.add(knativeServices(InferenceService.class, ComponentMeta.ISVC_LABEL, context));
      }
      sources.add(
          related(ServingRuntime.class, InferenceService.class, context, (runtime, isvc) -> true));
      sources.add(
          new InformerEventSource<>(
              InformerEventSourceConfiguration.from(
                      ClusterServingRuntime.class, InferenceService.class)
                  .withName("ClusterServingRuntime")
                  .withWatchAllNamespaces()
                  .withSecondaryToPrimaryMapper(
                      r ->
                          context
                              .getPrimaryCache()
                              .list()
                              .map(ResourceID::fromResource)
                              .collect(Collectors.toSet()))
                  .build(),
              context));
      return sources;
    }
  }

  /** InferenceGraphs, Standard and Knative mode, through {@link InferenceGraphReconciler}. */
  static final class InferenceGraphs extends Delegating<InferenceGraph> {
    private final boolean knative;

    InferenceGraphs(InferenceGraphReconciler reconciler, boolean knative) {
      super(reconciler::reconcile);
      this.knative = knative;
    }

    /**
     * The router Deployment, (where Knative Serving is installed) the router's Knative Service, and
     * the InferenceServices the graph's steps name (their address and readiness).
     */
    @Override
    public List<EventSource<?, InferenceGraph>> prepareEventSources(
        EventSourceContext<InferenceGraph> context) {
      List<EventSource<?, InferenceGraph>> sources = new ArrayList<>();
      sources.add(
          labelled(
              Deployment.class, InferenceGraph.class, InferenceGraphRenderer.GRAPH_LABEL, context));
      if (knative) {
        sources.add(
            knativeServices(InferenceGraph.class, InferenceGraphRenderer.GRAPH_LABEL, context));
      }
      sources.add(
          related(
              InferenceService.class,
              InferenceGraph.class,
              context,
              (isvc, graph) ->
                  InferenceGraphReconciler.referencedServices(graph)
                      .contains(isvc.getMetadata().getName())));
      return sources;
    }
  }

  /** TrainedModels, through {@link TrainedModelReconciler}. */
  static final class TrainedModels extends Delegating<TrainedModel> {
    TrainedModels(TrainedModelReconciler reconciler) {
      super(reconciler::reconcile);
    }

    /**
     * The parent InferenceService: its readiness and predictor decide whether the model is added.
     */
    @Override
    public List<EventSource<?, TrainedModel>> prepareEventSources(
        EventSourceContext<TrainedModel> context) {
      return List.of(
          related(
              InferenceService.class,
              TrainedModel.class,
              context,
              (isvc, model) ->
                  model.getSpec() != null
                      && isvc.getMetadata()
                          .getName()
                          .equals(model.getSpec().getInferenceService())));
    }
  }
}
