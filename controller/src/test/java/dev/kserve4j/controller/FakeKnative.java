package dev.kserve4j.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays Knative Serving against the test API server, where no Knative controller runs: each {@link
 * #reconcile} gives every Knative Service of a namespace the status Knative would. A changed
 * revision template creates revision {@code <ksvc>-0000N}; a revision is Ready unless {@link
 * #failNextRevision} was called before it was created; the route resolves {@code latestRevision}
 * targets (all of the traffic, when a Knative Service names none) to the latest ready revision.
 * Like Knative's webhook it stamps {@code serving.knative.dev/creator} on a new Knative Service and
 * refuses one that lost it.
 */
final class FakeKnative {
  static final String CREATOR = "serving.knative.dev/creator";

  private final KubernetesClient client;
  private final Map<String, Object> templates = new HashMap<>();
  private final Map<String, Integer> revisions = new HashMap<>();
  private final Map<String, String> latestCreated = new HashMap<>();
  private final Map<String, String> latestReady = new HashMap<>();
  private final Map<String, String> failed = new HashMap<>();
  private String nextFailure;

  FakeKnative(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Installs the CRDs of Knative Services and Istio VirtualServices, with their status subresource.
   */
  static void installCrds(KubernetesClient client) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(crd(ManagedKinds.KNATIVE_SERVICE, "service"))
        .create();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(crd(ManagedKinds.VIRTUAL_SERVICE, "virtualservice"))
        .create();
  }

  private static CustomResourceDefinition crd(ResourceDefinitionContext kind, String singular) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(kind.getPlural() + "." + kind.getGroup())
        .endMetadata()
        .withNewSpec()
        .withGroup(kind.getGroup())
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind.getKind())
        .withPlural(kind.getPlural())
        .withSingular(singular)
        .endNames()
        .addNewVersion()
        .withName(kind.getVersion())
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  /** The next revision created fails to become ready, with {@code message}. */
  void failNextRevision(String message) {
    nextFailure = message;
  }

  /** Writes the status of every Knative Service in {@code namespace}, as Knative would. */
  void reconcile(String namespace) {
    for (GenericKubernetesResource ksvc :
        client
            .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
            .inNamespace(namespace)
            .list()
            .getItems()) {
      reconcile(namespace, stamped(namespace, ksvc));
    }
  }

  private GenericKubernetesResource stamped(String namespace, GenericKubernetesResource ksvc) {
    String key = namespace + "/" + ksvc.getMetadata().getName();
    Map<String, String> annotations =
        ksvc.getMetadata().getAnnotations() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(ksvc.getMetadata().getAnnotations());
    if (annotations.containsKey(CREATOR)) {
      return ksvc;
    }
    if (templates.containsKey(key)) {
      throw new IllegalStateException(
          "Knative Service " + key + ": annotation value is immutable: " + CREATOR);
    }
    annotations.put(CREATOR, "system:serviceaccount:kserve:kserve4j-controller");
    ksvc.getMetadata().setAnnotations(annotations);
    return client
        .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
        .inNamespace(namespace)
        .resource(ksvc)
        .update();
  }

  @SuppressWarnings("unchecked")
  private void reconcile(String namespace, GenericKubernetesResource ksvc) {
    String name = ksvc.getMetadata().getName();
    String key = namespace + "/" + name;
    Map<String, Object> spec = (Map<String, Object>) ksvc.getAdditionalProperties().get("spec");
    if (!Objects.equals(templates.get(key), spec.get("template"))) {
      templates.put(key, spec.get("template"));
      String revision = String.format("%s-%05d", name, revisions.merge(key, 1, Integer::sum));
      latestCreated.put(key, revision);
      if (nextFailure != null) {
        failed.put(revision, nextFailure);
        nextFailure = null;
      } else {
        latestReady.put(key, revision);
      }
    }
    String created = latestCreated.get(key);
    String ready = latestReady.get(key);
    List<Map<String, Object>> traffic = new ArrayList<>();
    // Knative's defaulting: no traffic block sends all of it to the latest revision.
    List<Map<String, Object>> targets =
        spec.get("traffic") == null
            ? List.of(Map.of("latestRevision", true, "percent", 100))
            : (List<Map<String, Object>>) spec.get("traffic");
    for (Map<String, Object> target : targets) {
      Map<String, Object> resolved = new LinkedHashMap<>(target);
      if (Boolean.TRUE.equals(target.get("latestRevision"))) {
        resolved.put("revisionName", ready);
      }
      if (target.get("tag") != null) {
        resolved.put(
            "url", "http://" + target.get("tag") + "-" + name + "." + namespace + ".example.com");
      }
      traffic.add(resolved);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", ksvc.getMetadata().getGeneration());
    status.put("latestCreatedRevisionName", created);
    status.put("latestReadyRevisionName", ready);
    status.put("traffic", traffic);
    status.put("url", "http://" + name + "." + namespace + ".example.com");
    status.put("address", Map.of("url", "http://" + name + "." + namespace + ".svc.cluster.local"));
    if (failed.containsKey(created)) {
      String message =
          "Revision \"" + created + "\" failed with message: " + failed.get(created) + ".";
      status.put(
          "conditions",
          List.of(
              condition("ConfigurationsReady", "False", "RevisionFailed", message),
              condition("Ready", "False", "RevisionFailed", message),
              condition("RoutesReady", "True", null, null)));
    } else {
      status.put(
          "conditions",
          List.of(
              condition("ConfigurationsReady", "True", null, null),
              condition("Ready", "True", null, null),
              condition("RoutesReady", "True", null, null)));
    }
    ksvc.setAdditionalProperty("status", status);
    client
        .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
        .inNamespace(namespace)
        .resource(ksvc)
        .updateStatus();
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String message) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("lastTransitionTime", "2026-01-01T00:00:00Z");
    if (reason != null) {
      c.put("reason", reason);
      c.put("message", message);
    }
    return c;
  }
}
