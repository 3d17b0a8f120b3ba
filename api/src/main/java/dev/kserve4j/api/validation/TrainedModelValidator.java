package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ModelSpec;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a TrainedModel as KServe's validating webhook does ({@code trainedmodel_webhook.go}),
 * reporting every problem rather than the first: the name, the storage URI scheme, and on an update
 * that {@code spec.model.memory} did not change. An update of a TrainedModel being deleted is
 * accepted.
 */
public final class TrainedModelValidator {
  /** KServe's {@code TmNameFmt}. */
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]+$");

  /** The schemes KServe's model agent downloads from ({@code storage.SupportedProtocols}). */
  static final List<String> STORAGE_PREFIXES = List.of("s3://", "gs://", "https://", "http://");

  /**
   * Every problem of {@code tm}; {@code old} is the stored TrainedModel on an update, {@code null}
   * on a create.
   */
  public ValidationResult validate(TrainedModel tm, TrainedModel old) {
    requireNonNull(tm, "tm");
    ValidationResult.Builder out = new ValidationResult.Builder();
    if (old != null
        && tm.getMetadata() != null
        && tm.getMetadata().getDeletionTimestamp() != null) {
      return out.build();
    }
    String name = tm.getMetadata() == null ? null : tm.getMetadata().getName();
    if (name == null || !NAME.matcher(name).matches()) {
      out.add(
          "metadata.name",
          name,
          String.format(
              "the Trained Model \"%s\" is invalid: a Trained Model name must consist of"
                  + " alphanumeric characters, '_', or '-'. (e.g. \"my-Name\" or \"abc_123\", regex"
                  + " used for validation is '%s')",
              name, NAME.pattern()));
    }
    ModelSpec model = tm.getSpec() == null ? null : tm.getSpec().getModel();
    String uri = model == null || model.storageUri() == null ? "" : model.storageUri();
    if (STORAGE_PREFIXES.stream().noneMatch(uri::startsWith)) {
      out.add(
          "spec.model.storageUri",
          uri,
          String.format(
              "the Trained Model \"%s\" storageUri field is invalid. The storage uri must start"
                  + " with one of the prefixes: %s. (the storage uri given is \"%s\")",
              name, String.join(", ", STORAGE_PREFIXES), uri));
    }
    if (old != null) {
      Quantity was =
          old.getSpec() == null || old.getSpec().getModel() == null
              ? null
              : old.getSpec().getModel().memory();
      Quantity now = model == null ? null : model.memory();
      if (!Objects.equals(was, now)) {
        out.add(
            "spec.model.memory",
            text(now),
            String.format(
                "the Trained Model \"%s\" memory field is immutable. The memory"
                    + " was \"%s\" but it is updated to \"%s\"",
                name, text(was), text(now)));
      }
    }
    return out.build();
  }

  /**
   * A quantity as Kubernetes writes it; an absent one as {@code 0}, as Go's zero Quantity prints.
   */
  private static String text(Quantity q) {
    return q == null ? "0" : q.toString();
  }
}
