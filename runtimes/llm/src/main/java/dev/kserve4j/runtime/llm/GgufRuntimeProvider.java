package dev.kserve4j.runtime.llm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelFiles;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code gguf} model format: a language model in llama.cpp's GGUF file, served by llama.cpp.
 * A model directory holds {@code model.gguf} or exactly one other {@code *.gguf} file.
 *
 * <p>Options: see {@link LlamaOptions} ({@code contextSize}, {@code threads}, {@code parallel},
 * {@code batchSize}, {@code embedding}, {@code pooling}, {@code verbose}, {@code cachePrompt}).
 */
public final class GgufRuntimeProvider implements ModelRuntimeProvider {
  static final String PLATFORM = "llama_cpp";

  @Override
  public String format() {
    return "gguf";
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public boolean canLoad(Path directory) {
    return ModelFiles.hasModelFile(directory, TinyGguf.FILE_NAME, ".gguf");
  }

  @Override
  public Model load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    LlamaOptions options = LlamaOptions.of(spec);
    return LlamaCppModel.load(spec, modelFile(spec), options);
  }

  static Path modelFile(ModelSpec spec) {
    return ModelFiles.modelFile(spec, TinyGguf.FILE_NAME, ".gguf");
  }
}
