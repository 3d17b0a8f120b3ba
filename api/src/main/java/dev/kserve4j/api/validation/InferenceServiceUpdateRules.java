package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules KServe's InferenceService webhook adds on an update ({@code validateDeploymentMode} and
 * {@code validatePredictorNameChange} in {@code inference_service_validation.go}): the deployment
 * mode recorded in the status does not change, and renaming the predictor comes with a new model.
 * Both objects are expected defaulted, so that a framework shortcut's storage URI is the model's.
 */
final class InferenceServiceUpdateRules {
  private static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
  private static final Map<String, String> LEGACY_MODES =
      Map.of("RawDeployment", "Standard", "Serverless", "Knative");

  private InferenceServiceUpdateRules() {}

  /** KServe's message for the first rule {@code updated} breaks, if any. */
  static Optional<String> check(InferenceService updated, InferenceService stored) {
    String recorded = stored.getStatus() == null ? null : stored.getStatus().getDeploymentMode();
    if (recorded != null && !recorded.isEmpty()) {
      String was = LEGACY_MODES.getOrDefault(recorded, recorded);
      Map<String, String> annotations = updated.getMetadata().getAnnotations();
      String now = annotations == null ? null : annotations.get(DEPLOYMENT_MODE);
      if (now != null && !now.equals(was)) {
        return Optional.of(
            "update rejected: deploymentMode cannot be changed from '"
                + was
                + "' to '"
                + now
                + "'");
      }
    }
    PredictorSpec before = stored.getSpec() == null ? null : stored.getSpec().getPredictor();
    PredictorSpec after = updated.getSpec() == null ? null : updated.getSpec().getPredictor();
    if (before != null
        && after != null
        && !Objects.equals(nameOf(before), nameOf(after))
        && storageUri(before).equals(storageUri(after))) {
      return Optional.of("predictor.name change requires a model change (e.g. storageUri)");
    }
    return Optional.empty();
  }

  private static String nameOf(PredictorSpec p) {
    return p.getName() == null ? "" : p.getName();
  }

  private static String storageUri(PredictorSpec p) {
    return p.getModel() == null || p.getModel().getStorageUri() == null
        ? ""
        : p.getModel().getStorageUri();
  }
}
