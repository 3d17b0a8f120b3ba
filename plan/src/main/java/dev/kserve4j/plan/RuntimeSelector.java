package dev.kserve4j.plan;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import dev.kserve4j.api.v1beta1.ModelFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the runtime of a predictor with KServe's algorithm (its {@code GetSupportingRuntimes} and
 * the predictor reconciler's checks of a named runtime).
 *
 * <ul>
 *   <li>A named runtime ({@code predictor.model.runtime}) is looked up among the namespace's
 *       ServingRuntimes first, then the ClusterServingRuntimes; it must not be disabled, must list
 *       the model format (auto-select or not) and, when the predictor sets a protocol, support it.
 *   <li>Otherwise only formats with {@code autoSelect: true} count. A runtime supports the model
 *       when its format labels contain the model's: {@code mt:name}, or {@code mt:name:version}
 *       when the model names a version (exact match). Disabled and multi-model runtimes are
 *       skipped; a runtime without {@code protocolVersions} supports every protocol. Each scope is
 *       ordered by its lowest protocol (v1 before v2 before grpc-v1 before grpc-v2 before none),
 *       then newest first, then by name, and then by the format's {@code priority}, higher first,
 *       runtimes without a priority last (a stable sort, so ties keep that order). Namespace
 *       runtimes come before cluster runtimes whatever their priority.
 * </ul>
 *
 * <p>The predictor's protocol defaults to {@code v1}, as KServe's {@code GetProtocol} does.
 */
public final class RuntimeSelector {
  /** KServe's {@code lastFailureInfo.reason} when no runtime fits. */
  public static final String NO_SUPPORTING_RUNTIME = "NoSupportingRuntime";

  private RuntimeSelector() {}

  /**
   * Selects the runtime for a predictor.
   *
   * @param format the predictor's {@code modelFormat}
   * @param runtimeName the predictor's {@code runtime}, or null to select automatically
   * @param protocol the predictor's {@code protocolVersion}, or null when unset
   * @param namespaced the ServingRuntimes of the predictor's namespace
   * @param cluster the ClusterServingRuntimes
   */
  public static RuntimeSelection select(
      ModelFormat format,
      String runtimeName,
      ProtocolVersion protocol,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster) {
    if (format == null || format.name() == null || format.name().isBlank()) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "No runtime found to support specified framework/version",
          "the predictor has no modelFormat.name, so no runtime can be chosen");
    }
    if (runtimeName != null) {
      return named(format, runtimeName, protocol, namespaced, cluster);
    }
    List<RuntimeCandidate> found = supporting(format, protocol, namespaced, cluster);
    if (found.isEmpty()) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "No runtime found to support specified framework/version",
          "no runtime found to support predictor with model type "
              + label(format)
              + " and protocol "
              + protocolName(effective(protocol))
              + " (looked at "
              + names(namespaced, cluster)
              + "; only enabled single-model runtimes whose"
              + " supportedModelFormats list it with autoSelect: true count)");
    }
    return new RuntimeSelection.Selected(found.get(0));
  }

  /** Every runtime that could serve the model without being named, best first. */
  public static List<RuntimeCandidate> supporting(
      ModelFormat format,
      ProtocolVersion protocol,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster) {
    ProtocolVersion wanted = effective(protocol);
    List<RuntimeCandidate> out = new ArrayList<>(scope(format, wanted, namespaced));
    out.addAll(scope(format, wanted, cluster));
    return out;
  }

  private static List<RuntimeCandidate> scope(
      ModelFormat format, ProtocolVersion protocol, List<RuntimeCandidate> runtimes) {
    List<RuntimeCandidate> ordered = new ArrayList<>(runtimes);
    ordered.sort(
        Comparator.comparingInt((RuntimeCandidate r) -> lowestProtocol(r.spec()))
            .thenComparing(
                RuntimeCandidate::created, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(RuntimeCandidate::name));
    List<RuntimeCandidate> fit = new ArrayList<>();
    for (RuntimeCandidate r : ordered) {
      if (!disabled(r.spec())
          && !Boolean.TRUE.equals(r.spec().getMultiModel())
          && labels(r.spec(), false).contains(label(format))
          && supportsProtocol(r.spec(), protocol)) {
        fit.add(r);
      }
    }
    // List.sort is stable: runtimes of equal priority keep the order above.
    fit.sort(
        Comparator.comparing(
            (RuntimeCandidate r) -> priority(r.spec(), format.name()),
            Comparator.nullsLast(Comparator.<Integer>reverseOrder())));
    return fit;
  }

  private static RuntimeSelection named(
      ModelFormat format,
      String name,
      ProtocolVersion protocol,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster) {
    Optional<RuntimeCandidate> found =
        namespaced.stream()
            .filter(r -> r.name().equals(name))
            .findFirst()
            .or(() -> cluster.stream().filter(r -> r.name().equals(name)).findFirst());
    if (found.isEmpty()) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "No ServingRuntimes or ClusterServingRuntimes with the name: " + name,
          "runtime '" + name + "' does not exist (known: " + names(namespaced, cluster) + ")");
    }
    RuntimeCandidate r = found.get();
    if (disabled(r.spec())) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "Specified runtime " + name + " is disabled",
          r.describe() + " has spec.disabled: true (expected an enabled runtime)");
    }
    if (protocol != null && !supportsProtocol(r.spec(), protocol)) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "Specified runtime does not support specified protocol version",
          r.describe()
              + " supports "
              + r.spec().getProtocolVersions().stream().map(RuntimeSelector::protocolName).toList()
              + ", not "
              + protocolName(protocol));
    }
    if (!labels(r.spec(), true).contains(label(format))) {
      return new RuntimeSelection.NoSupportingRuntime(
          NO_SUPPORTING_RUNTIME,
          "Specified runtime does not support specified framework/version",
          r.describe() + " supports " + labels(r.spec(), true) + ", not " + label(format));
    }
    return new RuntimeSelection.Selected(r);
  }

  /** The model's format label: {@code mt:name} or {@code mt:name:version}. */
  static String label(ModelFormat format) {
    return format.version() == null
        ? "mt:" + format.name()
        : "mt:" + format.name() + ":" + format.version();
  }

  private static Set<String> labels(ServingRuntimeSpec spec, boolean named) {
    Set<String> set = new HashSet<>();
    if (spec.getSupportedModelFormats() == null) {
      return set;
    }
    for (SupportedModelFormat f : spec.getSupportedModelFormats()) {
      if (named || Boolean.TRUE.equals(f.autoSelect())) {
        set.add("mt:" + f.name());
        if (f.version() != null) {
          set.add("mt:" + f.name() + ":" + f.version());
        }
      }
    }
    return set;
  }

  private static Integer priority(ServingRuntimeSpec spec, String formatName) {
    if (spec.getSupportedModelFormats() != null) {
      for (SupportedModelFormat f : spec.getSupportedModelFormats()) {
        if (f.name().equals(formatName)) {
          return f.priority();
        }
      }
    }
    return null;
  }

  private static boolean disabled(ServingRuntimeSpec spec) {
    return Boolean.TRUE.equals(spec.getDisabled());
  }

  private static boolean supportsProtocol(ServingRuntimeSpec spec, ProtocolVersion protocol) {
    List<ProtocolVersion> supported = spec.getProtocolVersions();
    return supported == null || supported.isEmpty() || supported.contains(protocol);
  }

  /** KServe's protocol order: v1 0, v2 1, grpc-v1 2, grpc-v2 3; none listed 4. */
  private static int lowestProtocol(ServingRuntimeSpec spec) {
    List<ProtocolVersion> supported = spec.getProtocolVersions();
    if (supported == null || supported.isEmpty()) {
      return 4;
    }
    return supported.stream().mapToInt(Enum::ordinal).min().orElse(4);
  }

  private static ProtocolVersion effective(ProtocolVersion protocol) {
    return protocol == null ? ProtocolVersion.V1 : protocol;
  }

  private static String protocolName(ProtocolVersion p) {
    return switch (p) {
      case V1 -> "v1";
      case V2 -> "v2";
      case GRPC_V1 -> "grpc-v1";
      case GRPC_V2 -> "grpc-v2";
    };
  }

  private static List<String> names(
      List<RuntimeCandidate> namespaced, List<RuntimeCandidate> cluster) {
    List<String> out = new ArrayList<>();
    namespaced.forEach(r -> out.add(r.describe()));
    cluster.forEach(r -> out.add(r.describe()));
    return out;
  }
}
