package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a new or updated ServingRuntime or ClusterServingRuntime against the runtimes of its
 * scope, as KServe's servingruntime validating webhook does ({@code servingruntime_webhook.go}),
 * reporting every problem rather than the first.
 *
 * <p>Scopes do not mix: a ServingRuntime is compared with the ServingRuntimes of its namespace, a
 * ClusterServingRuntime with the other ClusterServingRuntimes. A disabled runtime is always
 * accepted. Rules, each with KServe's message:
 *
 * <ul>
 *   <li>within the runtime, one auto-selectable format name carries one priority;
 *   <li>no other enabled runtime of the scope with the same {@code multiModel} setting and at least
 *       one protocol version in common auto-selects the same format (name, case-insensitive, and
 *       version) at the same priority, as the choice between them would be arbitrary;
 *   <li>the multi-node rules of {@link MultiNodeRuntimeRules} and the blocked environment
 *       variables.
 * </ul>
 *
 * A runtime whose protocol versions are absent shares none with another, as in KServe. KServe
 * checks the first rule only when the scope has other runtimes; here it always holds.
 */
public final class ServingRuntimeValidator {
  /**
   * Environment variables no runtime container may set ({@code validation.DefaultBlockedEnvVars}).
   */
  static final List<String> BLOCKED_ENV = List.of("PYTHONPATH");

  /**
   * The problems of namespaced {@code runtime} among {@code existing}, the runtimes of its
   * namespace.
   */
  public ValidationResult validate(ServingRuntime runtime, List<ServingRuntime> existing) {
    requireNonNull(runtime, "runtime");
    requireNonNull(existing, "existing");
    String namespace = runtime.getMetadata() == null ? null : runtime.getMetadata().getNamespace();
    return validate(new Scope("ServingRuntime", namespace), runtime, existing);
  }

  /**
   * The problems of {@code runtime} among {@code existing}, the ClusterServingRuntimes of the
   * cluster.
   */
  public ValidationResult validate(
      ClusterServingRuntime runtime, List<ClusterServingRuntime> existing) {
    requireNonNull(runtime, "runtime");
    requireNonNull(existing, "existing");
    return validate(new Scope("ClusterServingRuntime", null), runtime, existing);
  }

  private static ValidationResult validate(
      Scope scope,
      CustomResource<ServingRuntimeSpec, ?> runtime,
      List<? extends CustomResource<ServingRuntimeSpec, ?>> existing) {
    ValidationResult.Builder out = new ValidationResult.Builder();
    String name = nameOf(runtime);
    ServingRuntimeSpec spec = specOf(runtime);
    if (isTrue(spec.getDisabled())) {
      return out.build();
    }
    samePriorityPerFormat(scope, name, spec, out);
    ServingRuntimeSpec previous = null;
    for (CustomResource<ServingRuntimeSpec, ?> other : existing) {
      String otherName = nameOf(other);
      if (Objects.equals(otherName, name)) {
        previous = specOf(other);
        continue;
      }
      priorityConflict(spec, specOf(other))
          .ifPresent(
              i ->
                  out.add(
                      "spec.supportedModelFormats[" + i + "].priority",
                      spec.getSupportedModelFormats().get(i).priority(),
                      scope.samePriority(
                          spec.getSupportedModelFormats().get(i).name(), otherName, name)));
    }
    MultiNodeRuntimeRules.validate(
        spec,
        previous,
        message -> "the " + scope.kind() + " " + name + " is invalid: " + message,
        out);
    blockedEnv(scope, name, spec, out);
    return out.build();
  }

  /**
   * KServe's {@code validateModelFormatPrioritySame}: the first priority given to a name is its
   * priority.
   */
  private static void samePriorityPerFormat(
      Scope scope, String name, ServingRuntimeSpec spec, ValidationResult.Builder out) {
    List<SupportedModelFormat> formats = formats(spec);
    Map<String, Integer> priorities = new HashMap<>();
    for (int i = 0; i < formats.size(); i++) {
      SupportedModelFormat f = formats.get(i);
      if (!isTrue(f.autoSelect())) {
        continue;
      }
      if (!priorities.containsKey(f.name())) {
        priorities.put(f.name(), f.priority());
      } else if (priorities.get(f.name()) != null
          && f.priority() != null
          && !priorities.get(f.name()).equals(f.priority())) {
        out.add(
            "spec.supportedModelFormats[" + i + "].priority",
            f.priority(),
            "different priorities assigned for the model format "
                + f.name()
                + " under the "
                + scope.kind().toLowerCase(Locale.ROOT)
                + " "
                + name);
      }
    }
  }

  /**
   * KServe's {@code validateServingRuntimePriority}: the index of the first format of {@code spec}
   * that {@code other} also auto-selects at the same priority, when the two would compete for it.
   */
  private static Optional<Integer> priorityConflict(
      ServingRuntimeSpec spec, ServingRuntimeSpec other) {
    if (isTrue(spec.getMultiModel()) != isTrue(other.getMultiModel())
        || isTrue(other.getDisabled())
        || !shareProtocol(spec.getProtocolVersions(), other.getProtocolVersions())) {
      return Optional.empty();
    }
    List<SupportedModelFormat> formats = formats(spec);
    for (SupportedModelFormat theirs : formats(other)) {
      for (int i = 0; i < formats.size(); i++) {
        SupportedModelFormat ours = formats.get(i);
        if (isTrue(theirs.autoSelect())
            && isTrue(ours.autoSelect())
            && sameFormat(theirs, ours)
            && theirs.priority() != null
            && theirs.priority().equals(ours.priority())) {
          return Optional.of(i);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean shareProtocol(List<ProtocolVersion> ours, List<ProtocolVersion> theirs) {
    return ours != null && theirs != null && theirs.stream().anyMatch(ours::contains);
  }

  /**
   * KServe's {@code areSupportedModelFormatsEqual}: the name ignoring case, the version exactly.
   */
  private static boolean sameFormat(SupportedModelFormat a, SupportedModelFormat b) {
    return a.name() != null
        && a.name().equalsIgnoreCase(b.name())
        && Objects.equals(a.version(), b.version());
  }

  private static void blockedEnv(
      Scope scope, String name, ServingRuntimeSpec spec, ValidationResult.Builder out) {
    MultiNodeRuntimeRules.eachEnv(
        spec,
        (path, container, env) -> {
          if (BLOCKED_ENV.contains(env.getName())) {
            out.add(
                path,
                env.getName(),
                "the "
                    + scope.kind()
                    + " \""
                    + name
                    + "\" is invalid: setting "
                    + env.getName()
                    + " in container \""
                    + container.getName()
                    + "\" is not allowed for security reasons");
          }
        });
  }

  private static List<SupportedModelFormat> formats(ServingRuntimeSpec spec) {
    return spec.getSupportedModelFormats() == null ? List.of() : spec.getSupportedModelFormats();
  }

  private static String nameOf(CustomResource<?, ?> runtime) {
    return runtime.getMetadata() == null ? null : runtime.getMetadata().getName();
  }

  private static ServingRuntimeSpec specOf(CustomResource<ServingRuntimeSpec, ?> runtime) {
    return runtime.getSpec() == null ? new ServingRuntimeSpec() : runtime.getSpec();
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  /**
   * The kind being checked and, for a ServingRuntime, its namespace; they shape KServe's messages.
   */
  private record Scope(String kind, String namespace) {
    String samePriority(String format, String existing, String added) {
      String prefix = "same priority assigned for the model format " + format;
      return kind.startsWith("Cluster")
          ? prefix + " in the clusterservingruntimes " + existing + " and " + added
          : prefix
              + " in the servingruntimes "
              + existing
              + " and "
              + added
              + " in namespace "
              + namespace;
    }
  }
}
