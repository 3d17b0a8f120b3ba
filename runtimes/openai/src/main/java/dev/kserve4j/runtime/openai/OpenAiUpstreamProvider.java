package dev.kserve4j.runtime.openai;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * Format {@code openai}: a model served by an OpenAI-compatible engine elsewhere (vLLM, a llama.cpp
 * server). The model directory holds {@code upstream.json}, e.g. {@code {"url":
 * "http://127.0.0.1:8000/v1", "model": "meta-llama/Llama-3.2-1B"}}; the options of the same names
 * override it ({@code url}, {@code model}, {@code timeoutSeconds}, {@code apiKey}, {@code probe}).
 * See {@link UpstreamConfig}.
 */
public final class OpenAiUpstreamProvider implements ModelRuntimeProvider {
  /** The file that marks a directory as an upstream model and holds its settings. */
  public static final String FILE = "upstream.json";

  private static final ModelFileFinder FILES = ModelFileFinder.named(FILE);

  @Override
  public String format() {
    return "openai";
  }

  @Override
  public String platform() {
    return "openai";
  }

  /** Whether {@code directory} holds {@value #FILE}; loading also works from options alone. */
  @Override
  public boolean canLoad(Path directory) {
    return FILES.find(directory).isPresent();
  }

  @Override
  public Model load(ModelSpec spec) {
    UpstreamConfig config = UpstreamConfig.read(spec);
    if (config.probe()) {
      new UpstreamProbe(config).check(spec.name());
    }
    return new UpstreamModel(spec, config);
  }
}
