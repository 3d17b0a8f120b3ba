package dev.kserve4j.runtime.llm;

import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.nio.file.Path;
import java.util.Map;

/** The runtime contract on the tiny llama model {@link TinyGguf} writes, on real llama.cpp. */
class GgufConformanceIT extends RuntimeConformance {
  static final int CONTEXT = 128;

  @Override
  protected String format() {
    return "gguf";
  }

  @Override
  protected Path fixture() {
    Path dir = scratch().resolve("tiny");
    TinyGguf.write(dir);
    return dir;
  }

  @Override
  protected Map<String, String> options() {
    return Map.of("contextSize", "" + CONTEXT, "parallel", "1", "threads", "2");
  }

  @Override
  protected Calls calls() {
    return Calls.generate(
        GenerationRequest.greedy("hello world", 4),
        GenerationRequest.greedy("hello world ".repeat(CONTEXT), 4));
  }
}
