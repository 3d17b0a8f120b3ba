package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceSpec;
import dev.kserve4j.api.v1alpha1.llm.LLMModelSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an LLMInferenceService (v1alpha1) as KServe's validating webhook ({@code
 * llm_inference_service_validation.go}) and CRD do, reporting every problem rather than the first.
 *
 * <p>Rules: the name is a DNS-1035 label; {@code spec.model.uri} is set and has a scheme KServe's
 * controller can fetch; the LoRA adapter rules; each workload's rules ({@link
 * LLMWorkloadValidator}); decode and prefill autoscale alike; the router's cross-field rules
 * (HTTPRoute refs vs inline spec vs gateway refs, traffic {@code group}/{@code weight}); the
 * scheduler's replicas and config. Not checked: rules on updates (parallelism size is immutable),
 * rollout strategy arithmetic, managed DRA annotations, and the Gateway API's own rules inside an
 * inline HTTPRoute spec.
 */
public final class LLMInferenceServiceValidator {
  /** URI schemes KServe's controller fetches models from ({@code workload_storage.go}). */
  public static final List<String> URI_SCHEMES =
      List.of("hf://", "s3://", "pvc://", "oci://", "oci+native://");

  private static final Pattern NAME =
      Pattern.compile("^" + InferenceServiceValidator.NAME_FORMAT + "$");
  private static final int MAX_NAME_LENGTH = 63;

  /** Every problem of {@code llmSvc}, each with its field path. */
  public ValidationResult validate(LLMInferenceService llmSvc) {
    requireNonNull(llmSvc, "llmSvc");
    ValidationResult.Builder out = new ValidationResult.Builder();
    String name = llmSvc.getMetadata() == null ? null : llmSvc.getMetadata().getName();
    if (name == null || !NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      out.add(
          "metadata.name",
          name,
          "a LLMInferenceService name must be a DNS-1035 label: at most 63 lower case alphanumeric"
              + " characters or '-', starting with a letter and ending with a letter or digit (e.g."
              + " \"my-llm\", regex used for validation is '"
              + InferenceServiceValidator.NAME_FORMAT
              + "')");
    }
    LLMInferenceServiceSpec spec = llmSvc.getSpec();
    if (spec == null || spec.model() == null) {
      out.add("spec.model", null, "model is required (expected: model.uri, e.g. hf://org/repo)");
      return out.build();
    }
    model(spec.model(), name, out);
    LLMWorkloadValidator.validate(spec.workload(), "spec", out);
    if (spec.prefill() != null) {
      LLMWorkloadValidator.validate(spec.prefill(), "spec.prefill", out);
      LLMWorkloadValidator.prefillConsistency(spec.workload(), spec.prefill(), out);
    }
    if (spec.router() != null) {
      LLMRouterValidator.validate(spec.router(), out);
    }
    return out.build();
  }

  /** Whether {@code uri} starts with a scheme of {@link #URI_SCHEMES}. */
  public static boolean hasSupportedScheme(String uri) {
    return uri != null && URI_SCHEMES.stream().anyMatch(uri::startsWith);
  }

  private static void model(LLMModelSpec model, String serviceName, ValidationResult.Builder out) {
    String uri = model.uri();
    if (uri == null || uri.isBlank()) {
      out.add(
          "spec.model.uri",
          null,
          "model.uri is required (expected: a URI with scheme one of " + URI_SCHEMES + ")");
    } else if (!hasSupportedScheme(uri)) {
      out.add(
          "spec.model.uri",
          uri,
          "unsupported schema in model URI: " + uri + " (expected: one of " + URI_SCHEMES + ")");
    } else if (uri.indexOf("://") + 3 == uri.length()) {
      out.add("spec.model.uri", uri, "model URI " + uri + " names no model after the scheme");
    }
    if (model.lora() != null) {
      String baseName = model.name() != null ? model.name() : serviceName;
      LLMLoRAValidator.validate(model.lora(), baseName, "spec.model.lora", out);
    }
  }
}
