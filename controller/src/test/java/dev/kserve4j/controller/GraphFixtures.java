package dev.kserve4j.controller;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Consumer;

/**
 * A golden {@code graph-NAME.ig.yaml} put into a test API server as a user and the InferenceService
 * reconciler would: the graph without uid or status, each InferenceService with the address its
 * golden status reports, Ready or not.
 */
final class GraphFixtures {
  private static final ResourceCodec CODEC = new ResourceCodec();

  private final KubernetesClient client;
  private final List<HasMetadata> docs;

  GraphFixtures(KubernetesClient client, String golden) {
    this.client = client;
    this.docs = CODEC.readAll(GoldenCases.GOLDEN.resolve(golden + ".ig.yaml"));
  }

  /** The golden graph, as a user writes it (no uid, no status). */
  InferenceGraph graph() {
    InferenceGraph graph =
        docs.stream()
            .filter(InferenceGraph.class::isInstance)
            .map(InferenceGraph.class::cast)
            .findFirst()
            .orElseThrow();
    graph.getMetadata().setUid(null);
    graph.setStatus(null);
    return graph;
  }

  /** Creates the golden graph after {@code edit}. */
  InferenceGraph createGraph(Consumer<InferenceGraph> edit) {
    InferenceGraph graph = graph();
    edit.accept(graph);
    return client.resource(graph).create();
  }

  /** Creates every golden InferenceService, then sets its golden address and readiness. */
  void createServices(boolean ready) {
    docs.stream()
        .filter(InferenceService.class::isInstance)
        .map(InferenceService.class::cast)
        .forEach(
            isvc -> {
              String address = isvc.getStatus().getAddress().url();
              isvc.setStatus(null);
              client.resource(isvc).create();
              setReady(
                  isvc.getMetadata().getNamespace(), isvc.getMetadata().getName(), address, ready);
            });
  }

  /** Sets the status of a stored InferenceService: its address, and Ready or not. */
  void setReady(String namespace, String name, String address, boolean ready) {
    InferenceService stored =
        client.resources(InferenceService.class).inNamespace(namespace).withName(name).get();
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setAddress(new Addressable(address));
    status.setConditions(List.of(new Condition("Ready", ready ? "True" : "False", null, null)));
    stored.setStatus(status);
    client.resources(InferenceService.class).inNamespace(namespace).resource(stored).updateStatus();
  }
}
