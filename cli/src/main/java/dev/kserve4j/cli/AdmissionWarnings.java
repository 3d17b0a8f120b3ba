package dev.kserve4j.cli;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.api.validation.WarningHeader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.util.List;

/**
 * Admission warnings as {@code kubectl} prints them: one {@code Warning: text} line each on stderr,
 * for {@code apply} (the admin API's {@code Warning} headers) and for the files {@code up} applies
 * (the same webhook checks on each applied InferenceService).
 */
final class AdmissionWarnings {
  private static final ValidatingWebhooks WEBHOOKS = new ValidatingWebhooks();

  private AdmissionWarnings() {}

  /** The warnings KServe's webhook, as kserve4j runs it, gives for {@code resource}. */
  static List<String> of(HasMetadata resource) {
    return resource instanceof InferenceService isvc
        ? WEBHOOKS.inferenceServiceWarnings(isvc)
        : List.of();
  }

  /** Prints each of {@code warnings} as {@code kubectl} does. */
  static void print(List<String> warnings, PrintStream err) {
    warnings.forEach(w -> err.println(WarningHeader.PRINTED_PREFIX + w));
  }
}
