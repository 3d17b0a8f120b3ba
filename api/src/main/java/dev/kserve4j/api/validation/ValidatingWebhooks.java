package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * KServe's validating admission webhooks as pure checks, one per kind: what the operator's webhook
 * server answers and what the embedded control plane refuses before it stores anything, so both
 * hosts deny the same resources with the same message. A denial's message is KServe's text for each
 * problem found, joined by {@code "; "}; KServe stops at the first, so a resource with one problem
 * gets KServe's message exactly.
 */
public final class ValidatingWebhooks {
  /** The webhook names of KServe's {@code config/webhook/manifests.yaml}, as denials name them. */
  public static final String INFERENCE_SERVICE = "inferenceservice.kserve-webhook-server.validator";

  public static final String INFERENCE_GRAPH = "inferencegraph.kserve-webhook-server.validator";
  public static final String TRAINED_MODEL = "trainedmodel.kserve-webhook-server.validator";
  public static final String SERVING_RUNTIME = "servingruntime.kserve-webhook-server.validator";
  public static final String CLUSTER_SERVING_RUNTIME =
      "clusterservingruntime.kserve-webhook-server.validator";

  private final InferenceServiceDefaulter defaulter = new InferenceServiceDefaulter();
  private final InferenceServiceValidator isvcs = new InferenceServiceValidator();
  private final InferenceGraphValidator graphs = new InferenceGraphValidator();
  private final ServingRuntimeValidator runtimes = new ServingRuntimeValidator();
  private final TrainedModelValidator trainedModels = new TrainedModelValidator();

  /**
   * KServe's defaulting webhook, then its validating webhook, as the API server chains them; on an
   * update ({@code stored} not null) the rules that compare with the stored resource first.
   */
  public Optional<String> inferenceService(InferenceService isvc, InferenceService stored) {
    InferenceService defaulted = defaulter.apply(requireNonNull(isvc, "isvc"));
    if (stored != null) {
      Optional<String> broken =
          InferenceServiceUpdateRules.check(defaulted, defaulter.apply(stored));
      if (broken.isPresent()) {
        return broken;
      }
    }
    return message(isvcs.validate(defaulted));
  }

  /**
   * The warnings KServe's webhook would not give but kserve4j's does for an allowed {@code isvc}:
   * fields and annotations that have no effect as written ({@code canaryTrafficPercent} in Standard
   * mode, which KServe ignores silently; shadow annotations without a canary), each saying what was
   * expected. Empty when there is nothing to say.
   */
  public List<String> inferenceServiceWarnings(InferenceService isvc) {
    return InferenceServiceWarnings.of(defaulter.apply(requireNonNull(isvc, "isvc")));
  }

  public Optional<String> inferenceGraph(InferenceGraph graph) {
    return message(graphs.validate(requireNonNull(graph, "graph")));
  }

  /** {@code stored} is the TrainedModel being updated, {@code null} on a create. */
  public Optional<String> trainedModel(TrainedModel tm, TrainedModel stored) {
    return message(trainedModels.validate(requireNonNull(tm, "tm"), stored));
  }

  /** {@code existing} are the ServingRuntimes of the runtime's namespace. */
  public Optional<String> servingRuntime(ServingRuntime runtime, List<ServingRuntime> existing) {
    return message(runtimes.validate(requireNonNull(runtime, "runtime"), existing));
  }

  public Optional<String> clusterServingRuntime(
      ClusterServingRuntime runtime, List<ClusterServingRuntime> existing) {
    return message(runtimes.validate(requireNonNull(runtime, "runtime"), existing));
  }

  /**
   * How the Kubernetes API server reports a denial of {@code webhook} (apiserver's {@code
   * webhookerrors.ToStatusErr}), as {@code kubectl} prints it after the resource.
   */
  public static String deniedBy(String webhook, String message) {
    return "admission webhook \"" + webhook + "\" denied the request: " + message;
  }

  private static Optional<String> message(ValidationResult result) {
    return result.isValid()
        ? Optional.empty()
        : Optional.of(
            result.errors().stream()
                .map(FieldError::message)
                .distinct()
                .collect(Collectors.joining("; ")));
  }
}
