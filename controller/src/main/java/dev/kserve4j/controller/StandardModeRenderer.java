package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.AutoScalingSpec;
import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a planned InferenceService as the objects KServe's Standard (RawDeployment) mode creates:
 * per component a Deployment, a Service and an autoscaler, then one route for the whole
 * InferenceService. Every object carries the InferenceService's labels and an owner reference to
 * it. Pure: the same inputs give equal objects, and nothing is sent to a cluster.
 */
public final class StandardModeRenderer {
  /** The port of a component's Service (KServe's {@code CommonDefaultHttpPort}). */
  public static final int SERVICE_PORT = 80;

  /**
   * The model server's port when its container declares none (KServe's {@code
   * InferenceServiceDefaultHttpPort}).
   */
  public static final int CONTAINER_PORT = 8080;

  private final RenderConfig config;
  private final PodRenderer pods;
  private final AutoscalerRenderer autoscalers = new AutoscalerRenderer();
  private final RouteRenderer routes;

  public StandardModeRenderer(RenderConfig config) {
    this.config = requireNonNull(config, "config");
    this.pods = new PodRenderer(config);
    this.routes = new RouteRenderer(config);
  }

  /** The objects with no canary ready yet: the stable predictor takes all predict traffic. */
  public List<HasMetadata> render(InferenceService isvc, InferenceServicePlan plan) {
    return render(isvc, plan, Set.of());
  }

  /**
   * The objects: per component a Deployment, Service and autoscaler; per {@code spec.canary[]}
   * variant a Deployment with fixed replicas and a Service; then the route, which gives each canary
   * named in {@code readyCanaries} its share of the predict traffic and the stable predictor the
   * rest.
   */
  public List<HasMetadata> render(
      InferenceService isvc, InferenceServicePlan plan, Set<String> readyCanaries) {
    requireNonNull(isvc, "isvc");
    requireNonNull(plan, "plan");
    if (plan.deploymentMode() != DeploymentMode.STANDARD) {
      throw new IllegalArgumentException(
          "InferenceService '"
              + plan.name()
              + "' is planned for "
              + plan.deploymentMode().annotation()
              + " mode (expected Standard)");
    }
    if (isvc.getMetadata() == null || isvc.getMetadata().getUid() == null) {
      throw new IllegalArgumentException(
          "InferenceService '"
              + plan.name()
              + "' has no metadata.uid; owner references need the stored resource's uid");
    }
    ComponentMeta metas = new ComponentMeta(isvc, plan);
    Map<String, String> annotations =
        isvc.getMetadata().getAnnotations() == null
            ? Map.of()
            : isvc.getMetadata().getAnnotations();
    String autoscalerClass = annotations.get(AutoscalerRenderer.AUTOSCALER_CLASS);
    List<HasMetadata> out = new ArrayList<>();
    for (ComponentPlan component : plan.components()) {
      PodSpec pod = pods.render(component, batcher(isvc, component));
      Integer replicas =
          AutoscalerRenderer.ownsReplicas(autoscalerClass)
              ? null
              : AutoscalerRenderer.hpaMin(component);
      out.add(deployment(component, metas.of(component), pod, replicas));
      out.add(service(component, metas.of(component), pod));
      autoscalers
          .render(component, metas.of(component), autoscalerClass, autoScaling(isvc, component))
          .ifPresent(out::add);
    }
    for (CanaryPlan canary : plan.canaries()) {
      // KServe's canaries run fixed replicas: no autoscaler, minReplicas (at least 1) pods.
      ComponentPlan variant = canary.predictor();
      PodSpec pod = pods.render(variant);
      out.add(deployment(variant, metas.ofCanary(canary), pod, AutoscalerRenderer.hpaMin(variant)));
      out.add(service(variant, metas.ofCanary(canary), pod));
    }
    routes
        .render(
            plan,
            metas.ofService(),
            readyCanaries,
            ShadowMirrors.standard(isvc, plan, readyCanaries))
        .ifPresent(out::add);
    return List.copyOf(out);
  }

  private static HasMetadata deployment(
      ComponentPlan component, ObjectMeta meta, PodSpec pod, Integer replicas) {
    ObjectMeta podMeta = new ObjectMetaBuilder().withLabels(meta.getLabels()).build();
    return new DeploymentBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(component))
        .endSelector()
        .withNewTemplate()
        .withMetadata(podMeta)
        .withSpec(pod)
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Port 80 to the server container's first declared port, else {@value #CONTAINER_PORT}. */
  private static HasMetadata service(ComponentPlan component, ObjectMeta meta, PodSpec pod) {
    List<ContainerPort> ports = pod.getContainers().getFirst().getPorts();
    int target =
        ports == null || ports.isEmpty() ? CONTAINER_PORT : ports.getFirst().getContainerPort();
    return new ServiceBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .addToSelector(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(component))
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(SERVICE_PORT)
        .withTargetPort(new IntOrString(target))
        .endPort()
        .endSpec()
        .build();
  }

  /** The {@code autoScaling} of {@code component}'s spec, or null. */
  private static AutoScalingSpec autoScaling(InferenceService isvc, ComponentPlan component) {
    ComponentSpec spec =
        switch (component.component()) {
          case "transformer" -> isvc.getSpec().getTransformer();
          case "explainer" -> isvc.getSpec().getExplainer();
          default -> isvc.getSpec().getPredictor();
        };
    return spec == null ? null : spec.getAutoScaling();
  }

  /** The predictor's {@code batcher}, for the predictor's pod; null for other components. */
  static Batcher batcher(InferenceService isvc, ComponentPlan component) {
    return "predictor".equals(component.component()) && isvc.getSpec().getPredictor() != null
        ? isvc.getSpec().getPredictor().getBatcher()
        : null;
  }
}
