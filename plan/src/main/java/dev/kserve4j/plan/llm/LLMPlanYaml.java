package dev.kserve4j.plan.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kserve4j.api.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link LLMPlanResult} as YAML with a fixed key order (the records' declaration order),
 * absent values and empty lists left out, so that equal plans give equal text.
 */
public final class LLMPlanYaml {
  private final ObjectMapper yaml =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

  /** The result as YAML. */
  public String write(LLMPlanResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (result) {
      case LLMPlanResult.Planned p -> out.put("planned", plan(p.plan()));
      case LLMPlanResult.Rejected r -> out.put("rejected", errors(r.errors()));
    }
    try {
      return yaml.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan cannot be written as YAML", e);
    }
  }

  private static Map<String, Object> plan(LLMInferenceServicePlan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", plan.name());
    out.put("namespace", plan.namespace());
    out.put("model", ordered("name", plan.modelName(), "uri", plan.modelUri()));
    out.put("workloadService", plan.workloadService());
    out.put("address", plan.address());
    out.put("routePath", plan.routePath());
    out.put("workloads", plan.workloads().stream().map(LLMPlanYaml::workload).toList());
    plan.router()
        .ifPresent(
            r -> {
              Map<String, Object> router = new LinkedHashMap<>();
              router.put("route", r.route());
              router.put("routeRefs", r.routeRefs());
              router.put("gateways", r.gateways());
              router.put("scheduler", r.scheduler());
              router.put("inferencePool", r.inferencePool());
              out.put("router", router);
            });
    Map<String, Object> embedded = new LinkedHashMap<>();
    embedded.put("runnable", plan.embedded().runnable());
    embedded.put("runtime", plan.embedded().runtime());
    embedded.put("refusals", errors(plan.embedded().refusals()));
    embedded.put("ignored", errors(plan.embedded().ignored()));
    out.put("embedded", embedded);
    return out;
  }

  private static Map<String, Object> workload(LLMWorkloadPlan w) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", w.role());
    out.put("kind", w.kind());
    out.put("name", w.name());
    out.put("replicas", w.replicas());
    out.put("minReplicas", w.minReplicas());
    out.put("maxReplicas", w.maxReplicas());
    out.put("podsPerReplica", w.podsPerReplica());
    out.put(
        "parallelism",
        ordered(
            "tensor",
            w.tensor(),
            "pipeline",
            w.pipeline(),
            "data",
            w.data(),
            "dataLocal",
            w.dataLocal(),
            "expert",
            w.expert()));
    return out;
  }

  /** A map in the order of its {@code key, value} pairs ({@code Map.of} has no stable order). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static List<Map<String, Object>> errors(List<FieldError> errors) {
    return errors.stream()
        .map(
            e -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("path", e.path());
              out.put("value", e.value() == null ? null : String.valueOf(e.value()));
              out.put("message", e.message());
              return out;
            })
        .toList();
  }
}
