package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1alpha1.llm.LLMModelSpec;
import dev.kserve4j.api.v1alpha1.llm.LoRASpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the LoRA adapters of an LLMInferenceService as KServe's {@code ValidateLoRAAdapters} does.
 */
final class LLMLoRAValidator {
  private LLMLoRAValidator() {}

  static void validate(
      LoRASpec lora, String baseModelName, String path, ValidationResult.Builder out) {
    atLeastOne(lora.maxRank(), path + ".maxRank", "maxRank", out);
    atLeastOne(lora.maxAdapters(), path + ".maxAdapters", "maxAdapters", out);
    atLeastOne(lora.maxCpuAdapters(), path + ".maxCpuAdapters", "maxCpuAdapters", out);
    List<LLMModelSpec> adapters = lora.adapters() == null ? List.of() : lora.adapters();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < adapters.size(); i++) {
      String at = path + ".adapters[" + i + "]";
      LLMModelSpec adapter = adapters.get(i);
      if (adapter.uri() == null || adapter.uri().isBlank()) {
        out.add(at + ".uri", null, "adapter uri is required");
      }
      String name = adapter.name();
      if (name == null || name.isEmpty()) {
        out.add(at + ".name", null, "adapter name is required");
        continue;
      }
      if (name.equals(".") || name.equals("..")) {
        out.add(
            at + ".name",
            name,
            "adapter name must not include \".\" or \"..\" (path traversal risk)");
        continue;
      }
      Integer previous = seen.putIfAbsent(name, i);
      if (previous != null) {
        out.add(at + ".name", name, "duplicate name (same as adapters[" + previous + "])");
      }
      if (name.equals(baseModelName)) {
        out.add(
            at + ".name",
            name,
            "adapter name must differ from base model name \"" + baseModelName + "\"");
      }
    }
  }

  private static void atLeastOne(
      Integer value, String path, String name, ValidationResult.Builder out) {
    if (value != null && value < 1) {
      out.add(path, value, name + " must be at least 1");
    }
  }
}
