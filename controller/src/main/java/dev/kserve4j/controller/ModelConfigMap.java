package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.api.v1alpha1.ModelSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The model configuration of a multi-model InferenceService: ConfigMap {@code modelconfig-{isvc}-0}
 * (KServe's {@code constants.ModelConfigName} with its single shard), key {@code models.json},
 * holding {@code [{"modelName": ..., "modelSpec": {"storageUri": ..., "framework": ..., "memory":
 * ...}}]}, the file KServe's model agent watches. Entries are written sorted by name, so an
 * unchanged set gives unchanged data; the ConfigMap is written only when its data changes.
 */
final class ModelConfigMap {
  /** The key KServe's agent reads ({@code constants.ModelConfigFileName}). */
  static final String MODELS_JSON = "models.json";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;

  ModelConfigMap(KubernetesClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** KServe's {@code constants.ModelConfigName(isvc, 0)}. */
  static String name(String isvc) {
    return "modelconfig-" + isvc + "-0";
  }

  /**
   * Adds or replaces the entry {@code model} in the configuration of {@code parent}, creating the
   * ConfigMap (owned by the parent, labelled as it is, as KServe creates it) when it does not
   * exist.
   *
   * @return whether anything was written
   */
  boolean put(InferenceService parent, String model, ModelSpec spec) {
    String ns = parent.getMetadata().getNamespace();
    ConfigMap existing =
        client.configMaps().inNamespace(ns).withName(name(parent.getMetadata().getName())).get();
    Map<String, JsonNode> entries = existing == null ? new TreeMap<>() : decode(existing);
    entries.put(model, entry(model, spec));
    if (existing == null) {
      client.configMaps().inNamespace(ns).resource(created(parent, encode(entries))).create();
      return true;
    }
    return update(existing, entries);
  }

  /**
   * Removes the entry {@code model} from the configuration of the InferenceService {@code isvc};
   * nothing when the ConfigMap (deleted with its InferenceService) or the entry is gone.
   *
   * @return whether anything was written
   */
  boolean remove(String namespace, String isvc, String model) {
    ConfigMap existing = client.configMaps().inNamespace(namespace).withName(name(isvc)).get();
    if (existing == null) {
      return false;
    }
    Map<String, JsonNode> entries = decode(existing);
    return entries.remove(model) != null && update(existing, entries);
  }

  private boolean update(ConfigMap existing, Map<String, JsonNode> entries) {
    String json = encode(entries);
    Map<String, String> data =
        existing.getData() == null ? new HashMap<>() : new HashMap<>(existing.getData());
    if (Objects.equals(data.get(MODELS_JSON), json)) {
      return false;
    }
    data.put(MODELS_JSON, json);
    existing.setData(data);
    client
        .configMaps()
        .inNamespace(existing.getMetadata().getNamespace())
        .resource(existing)
        .update();
    return true;
  }

  private static ConfigMap created(InferenceService parent, String json) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(parent.getMetadata().getName()))
        .withNamespace(parent.getMetadata().getNamespace())
        .withLabels(parent.getMetadata().getLabels())
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(parent.getApiVersion())
                .withKind(parent.getKind())
                .withName(parent.getMetadata().getName())
                .withUid(parent.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withData(Map.of(MODELS_JSON, json))
        .build();
  }

  private static JsonNode entry(String model, ModelSpec spec) {
    ObjectNode modelSpec =
        JSON.createObjectNode()
            .put("storageUri", spec.storageUri())
            .put("framework", spec.framework())
            .put("memory", spec.memory() == null ? null : spec.memory().toString());
    ObjectNode entry = JSON.createObjectNode().put("modelName", model);
    entry.set("modelSpec", modelSpec);
    return entry;
  }

  /** The entries of {@code models.json} by name; an absent or empty key holds none. */
  static Map<String, JsonNode> decode(ConfigMap configMap) {
    String json = configMap.getData() == null ? null : configMap.getData().get(MODELS_JSON);
    Map<String, JsonNode> entries = new TreeMap<>();
    if (json == null || json.isBlank()) {
      return entries;
    }
    String where =
        "ConfigMap "
            + configMap.getMetadata().getNamespace()
            + "/"
            + configMap.getMetadata().getName()
            + " key "
            + MODELS_JSON;
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          where
              + ": not JSON ("
              + e.getOriginalMessage()
              + "; expected a JSON array of {\"modelName\": ..., \"modelSpec\": {...}})",
          e);
    }
    if (!(root instanceof ArrayNode array)) {
      throw new IllegalStateException(
          where
              + ": a JSON "
              + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " (expected a JSON array of {\"modelName\": ..., \"modelSpec\": {...}})");
    }
    for (JsonNode element : array) {
      JsonNode name = element.get("modelName");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw new IllegalStateException(
            where + ": entry " + element + " has no modelName (expected a non-empty string)");
      }
      entries.put(name.asText(), element);
    }
    return entries;
  }

  private static String encode(Map<String, JsonNode> entries) {
    ArrayNode array = JSON.createArrayNode();
    entries.values().forEach(array::add);
    try {
      return JSON.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + MODELS_JSON + ": " + e.getOriginalMessage(), e);
    }
  }
}
