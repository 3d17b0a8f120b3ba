package dev.kserve4j.runtime.llm;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code gguf} model format: a language model in llama.cpp's GGUF file, served by llama.cpp. A
 * model directory holds {@code model.gguf} or exactly one other {@code *.gguf} file.
 *
 * <p>Options: see {@link LlamaOptions} ({@code contextSize}, {@code threads}, {@code parallel},
 * {@code batchSize}, {@code embedding}, {@code pooling}, {@code verbose}, {@code cachePrompt}).
 */
public final class GgufRuntimeProvider extends FileRuntimeProvider<Model> {
  static final String PLATFORM = "llama_cpp";

  public GgufRuntimeProvider() {
    super("gguf", PLATFORM, ModelFileFinder.withExtensions(".gguf").preferring(TinyGguf.FILE_NAME));
  }

  @Override
  protected Model load(ModelSpec spec, Path file) {
    LlamaOptions options = LlamaOptions.of(spec);
    return LlamaCppModel.load(spec, file, options);
  }

  /** The tiny deterministic llama model of {@link TinyGguf} (under 1 MB). */
  @Override
  public Optional<Path> writeSample(Path directory) {
    return Optional.of(TinyGguf.write(directory));
  }
}
