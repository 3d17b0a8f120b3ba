package dev.kserve4j.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds {@link StandardModeRenderer}, {@link KnativeModeRenderer} and {@link
 * InferenceGraphRenderer} produce, each with its API endpoint. KEDA's {@code ScaledObject},
 * Knative's {@code Service} and Istio's {@code VirtualService} have no model class, so they go
 * through explicit resource definitions rather than API discovery. Kinds whose CRD is not installed
 * (KEDA, Gateway API, Knative, Istio) list as empty.
 */
final class ManagedKinds {
  static final ResourceDefinitionContext SCALED_OBJECT =
      new ResourceDefinitionContext.Builder()
          .withGroup("keda.sh")
          .withVersion("v1alpha1")
          .withKind("ScaledObject")
          .withPlural("scaledobjects")
          .withNamespaced(true)
          .build();
  static final ResourceDefinitionContext KNATIVE_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("serving.knative.dev")
          .withVersion("v1")
          .withKind(KnativeModeRenderer.KIND)
          .withPlural("services")
          .withNamespaced(true)
          .build();
  static final ResourceDefinitionContext VIRTUAL_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.istio.io")
          .withVersion("v1beta1")
          .withKind(KnativeRouteRenderer.VS_KIND)
          .withPlural("virtualservices")
          .withNamespaced(true)
          .build();
  private static final List<ResourceDefinitionContext> GENERIC =
      List.of(SCALED_OBJECT, KNATIVE_SERVICE, VIRTUAL_SERVICE);
  private static final List<Class<? extends HasMetadata>> TYPED =
      List.of(
          Deployment.class,
          Service.class,
          HorizontalPodAutoscaler.class,
          Ingress.class,
          HTTPRoute.class);

  private final KubernetesClient client;

  ManagedKinds(KubernetesClient client) {
    this.client = client;
  }

  /**
   * {@code object} at its kind's endpoint in {@code namespace}: get, create, update and delete it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Resource<HasMetadata> resource(HasMetadata object, String namespace) {
    if (object instanceof GenericKubernetesResource generic) {
      return (Resource)
          client
              .genericKubernetesResources(definition(generic))
              .inNamespace(namespace)
              .resource(generic);
    }
    return client.resource(object).inNamespace(namespace);
  }

  /** Every object of a managed kind in {@code namespace} that carries {@code label=value}. */
  List<HasMetadata> listLabelled(String namespace, String label, String value) {
    List<HasMetadata> out = new ArrayList<>();
    for (Class<? extends HasMetadata> type : TYPED) {
      out.addAll(
          listOrEmpty(client.resources(type).inNamespace(namespace).withLabel(label, value)));
    }
    for (ResourceDefinitionContext generic : GENERIC) {
      out.addAll(
          listOrEmpty(
              client
                  .genericKubernetesResources(generic)
                  .inNamespace(namespace)
                  .withLabel(label, value)));
    }
    return out;
  }

  /**
   * The resource definition of a kind without a model class, by its {@code apiVersion} and {@code
   * kind}.
   */
  static ResourceDefinitionContext definition(HasMetadata object) {
    return GENERIC.stream()
        .filter(
            d ->
                (d.getGroup() + "/" + d.getVersion()).equals(object.getApiVersion())
                    && d.getKind().equals(object.getKind()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    object.getApiVersion()
                        + " "
                        + object.getKind()
                        + " '"
                        + object.getMetadata().getName()
                        + "' is not a managed kind (expected one of "
                        + GENERIC.stream()
                            .map(d -> d.getGroup() + "/" + d.getVersion() + " " + d.getKind())
                            .toList()
                        + ")"));
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> listOrEmpty(
      FilterWatchListDeletable<T, L, ?> op) {
    try {
      return op.list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the kind's CRD is not installed, so no such object can exist
      }
      throw e;
    }
  }
}
