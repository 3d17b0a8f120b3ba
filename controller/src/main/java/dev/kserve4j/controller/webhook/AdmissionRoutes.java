package dev.kserve4j.controller.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.common.KServeException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * KServe's validating webhooks by path ({@code config/webhook/manifests.yaml}), each judging CREATE
 * and UPDATE requests and allowing the rest with the checks of {@link ValidatingWebhooks}, which
 * the embedded control plane runs too. An allowed InferenceService carries the warnings of {@link
 * ValidatingWebhooks#inferenceServiceWarnings} (e.g. {@code canaryTrafficPercent} in Standard mode,
 * which KServe ignores silently).
 */
public final class AdmissionRoutes {
  public static final String INFERENCE_SERVICE =
      "/validate-serving-kserve-io-v1beta1-inferenceservice";
  public static final String SERVING_RUNTIME =
      "/validate-serving-kserve-io-v1alpha1-servingruntime";
  public static final String CLUSTER_SERVING_RUNTIME =
      "/validate-serving-kserve-io-v1alpha1-clusterservingruntime";
  public static final String INFERENCE_GRAPH =
      "/validate-serving-kserve-io-v1alpha1-inferencegraph";
  public static final String TRAINED_MODEL = "/validate-serving-kserve-io-v1alpha1-trainedmodel";

  private final KubernetesClient client;
  private final ResourceCodec codec = new ResourceCodec();
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks();

  /** Routes whose runtime validators list the existing runtimes through {@code client}. */
  public AdmissionRoutes(KubernetesClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Every path with its validator. */
  public Map<String, AdmissionValidator> all() {
    Map<String, AdmissionValidator> routes = new LinkedHashMap<>();
    routes.put(
        INFERENCE_SERVICE,
        r ->
            judge(
                r,
                InferenceService.class,
                true,
                webhooks::inferenceService,
                webhooks::inferenceServiceWarnings));
    routes.put(SERVING_RUNTIME, this::servingRuntime);
    routes.put(CLUSTER_SERVING_RUNTIME, this::clusterServingRuntime);
    routes.put(
        INFERENCE_GRAPH,
        r -> judge(r, InferenceGraph.class, true, (graph, old) -> webhooks.inferenceGraph(graph)));
    routes.put(TRAINED_MODEL, r -> judge(r, TrainedModel.class, true, webhooks::trainedModel));
    return routes;
  }

  private Verdict servingRuntime(AdmissionRequest request) {
    return judge(
        request,
        ServingRuntime.class,
        false,
        (runtime, old) -> {
          if (runtime.getMetadata().getNamespace() == null
              || runtime.getMetadata().getNamespace().isEmpty()) {
            runtime.getMetadata().setNamespace(request.namespace());
          }
          String namespace = runtime.getMetadata().getNamespace();
          List<ServingRuntime> existing =
              list(
                  "the ServingRuntimes of namespace " + namespace,
                  () ->
                      client
                          .resources(ServingRuntime.class)
                          .inNamespace(namespace)
                          .list()
                          .getItems());
          return webhooks.servingRuntime(runtime, existing);
        });
  }

  private Verdict clusterServingRuntime(AdmissionRequest request) {
    return judge(
        request,
        ClusterServingRuntime.class,
        false,
        (runtime, old) ->
            webhooks.clusterServingRuntime(
                runtime,
                list(
                    "the ClusterServingRuntimes",
                    () -> client.resources(ClusterServingRuntime.class).list().getItems())));
  }

  /** The check of one kind: its problems as KServe's message, or empty when valid. */
  private interface Check<T> {
    Optional<String> apply(T object, T old);
  }

  /**
   * Reads the object (and on an update the stored one) as {@code type} and runs {@code check}; an
   * update of an object being deleted is allowed when {@code skipDeleting}, as KServe's validators
   * do.
   */
  private <T extends HasMetadata> Verdict judge(
      AdmissionRequest request, Class<T> type, boolean skipDeleting, Check<T> check) {
    return judge(request, type, skipDeleting, check, object -> List.of());
  }

  /** As above; an allowed object gets the {@code warnings} of what it asks for in vain. */
  private <T extends HasMetadata> Verdict judge(
      AdmissionRequest request,
      Class<T> type,
      boolean skipDeleting,
      Check<T> check,
      Function<T, List<String>> warnings) {
    if (!request.createsOrUpdates()) {
      return Verdict.allow();
    }
    T object;
    T old;
    try {
      object = read(request.object(), "request.object", type);
      old =
          request.isUpdate()
                  && !request.oldObject().isMissingNode()
                  && !request.oldObject().isNull()
              ? read(request.oldObject(), "request.oldObject", type)
              : null;
    } catch (KServeException e) {
      return Verdict.error(400, e.getMessage());
    }
    if (skipDeleting && request.isUpdate() && object.getMetadata().getDeletionTimestamp() != null) {
      return Verdict.allow();
    }
    try {
      return check
          .apply(object, old)
          .map(Verdict::deny)
          .orElseGet(() -> Verdict.allow(warnings.apply(object)));
    } catch (ListingException e) {
      return Verdict.error(500, e.getMessage());
    }
  }

  private <T extends HasMetadata> T read(JsonNode node, String source, Class<T> type) {
    T object = codec.read(node.toString(), source, type);
    if (object.getMetadata() == null) {
      object.setMetadata(new ObjectMeta());
    }
    return object;
  }

  private static <T> List<T> list(String what, Supplier<List<T>> lister) {
    try {
      return lister.get();
    } catch (KubernetesClientException e) {
      throw new ListingException(
          "cannot list " + what + " to compare priorities: " + e.getMessage(), e);
    }
  }

  /** The API server could not list the runtimes to compare with (KServe answers 500). */
  private static final class ListingException extends RuntimeException {
    ListingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
