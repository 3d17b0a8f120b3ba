package dev.kserve4j.api;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types a {@link ResourceCodec} reads, by {@code apiVersion} and {@code kind}.
 *
 * <p>{@link #standard()} holds the {@code serving.kserve.io} kinds this module models.
 */
public final class KServeKinds {
  private final Map<String, Class<? extends HasMetadata>> byKey;

  private KServeKinds(Map<String, Class<? extends HasMetadata>> byKey) {
    this.byKey = byKey;
  }

  /**
   * InferenceService (v1beta1), ServingRuntime, ClusterServingRuntime, InferenceGraph, TrainedModel
   * and LLMInferenceService (v1alpha1).
   */
  public static KServeKinds standard() {
    return of(
        List.of(
            InferenceService.class,
            ServingRuntime.class,
            ClusterServingRuntime.class,
            InferenceGraph.class,
            TrainedModel.class,
            LLMInferenceService.class));
  }

  /**
   * The given types, keyed by the {@code @Group}, {@code @Version} and {@code @Kind} they carry.
   */
  public static KServeKinds of(List<Class<? extends HasMetadata>> types) {
    Map<String, Class<? extends HasMetadata>> byKey = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> type : types) {
      byKey.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type);
    }
    return new KServeKinds(Map.copyOf(byKey));
  }

  /** The type of documents with this {@code apiVersion} and {@code kind}. */
  public Optional<Class<? extends HasMetadata>> lookup(String apiVersion, String kind) {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    return Optional.ofNullable(byKey.get(key(apiVersion, kind)));
  }

  /** The known types. */
  public Collection<Class<? extends HasMetadata>> types() {
    return byKey.values();
  }

  /** The known kinds as {@code apiVersion kind}, sorted, for error messages. */
  public List<String> describe() {
    return byKey.keySet().stream().map(k -> k.replace('#', ' ')).sorted().toList();
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "#" + kind;
  }
}
