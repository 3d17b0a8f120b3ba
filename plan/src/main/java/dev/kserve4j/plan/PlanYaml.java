package dev.kserve4j.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kserve4j.api.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link PlanResult} as YAML with a fixed key order, so that equal plans give equal text:
 * the plan's fields in declaration order, a container's fields and map keys sorted by name, absent
 * values left out.
 */
public final class PlanYaml {
  private final ObjectMapper sorted =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .build();
  private final ObjectMapper yaml =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** The result as YAML. */
  public String write(PlanResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (result) {
      case PlanResult.Planned p -> out.put("planned", plan(p.plan()));
      case PlanResult.Rejected r ->
          out.put("rejected", r.errors().stream().map(PlanYaml::error).toList());
      case PlanResult.NoRuntime n -> {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("reason", n.failure().reason());
        failure.put("message", n.failure().message());
        failure.put("detail", n.failure().detail());
        out.put("noRuntime", failure);
      }
    }
    try {
      return yaml.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan cannot be written as YAML", e);
    }
  }

  private Map<String, Object> plan(InferenceServicePlan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", plan.name());
    out.put("namespace", plan.namespace());
    out.put("deploymentMode", plan.deploymentMode().annotation());
    out.put("host", plan.host());
    out.put("url", plan.url());
    Map<String, Object> routing = new LinkedHashMap<>();
    routing.put("predict", plan.predictEntry().name());
    plan.transformer().ifPresent(t -> routing.put("transformerCalls", plan.predictor().host()));
    plan.explainEntry().ifPresent(e -> routing.put("explain", e.name()));
    plan.explainEntry().ifPresent(e -> routing.put("explainerCalls", plan.predictor().host()));
    out.put("routing", routing);
    out.put("components", plan.components().stream().map(this::component).toList());
    if (!plan.canaries().isEmpty()) {
      out.put(
          "canaries",
          plan.canaries().stream()
              .map(
                  c -> {
                    Map<String, Object> canary = new LinkedHashMap<>();
                    canary.put("name", c.name());
                    canary.put("trafficPercent", c.trafficPercent());
                    canary.put("predictor", component(c.predictor()));
                    return canary;
                  })
              .toList());
    }
    return out;
  }

  private Map<String, Object> component(ComponentPlan c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("component", c.component());
    out.put("name", c.name());
    out.put("host", c.host());
    out.put("url", c.url());
    if (c.runtime() != null) {
      out.put(
          "runtime",
          (c.runtimeClusterScoped() ? "ClusterServingRuntime/" : "ServingRuntime/") + c.runtime());
    }
    out.put("modelFormat", c.modelFormat());
    if (!c.storage().isEmpty()) {
      out.put("storage", c.storage().stream().map(PlanYaml::storage).toList());
    }
    out.put("protocol", c.protocol());
    out.put("minReplicas", c.minReplicas());
    out.put("maxReplicas", c.maxReplicas());
    out.put("scaleMetric", c.scaleMetric());
    out.put("scaleTarget", c.scaleTarget());
    out.put("containerConcurrency", c.containerConcurrency());
    out.put("timeoutSeconds", c.timeoutSeconds());
    out.put("canaryTrafficPercent", c.canaryTrafficPercent());
    if (c.container() != null) {
      out.put("container", sorted.convertValue(c.container(), Object.class));
    }
    return out;
  }

  private static Map<String, Object> storage(StorageLocation s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uri", s.uri());
    out.put("mountPath", s.mountPath());
    return out;
  }

  private static Map<String, Object> error(FieldError e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", e.path());
    out.put("value", e.value() == null ? null : String.valueOf(e.value()));
    out.put("message", e.message());
    return out;
  }
}
