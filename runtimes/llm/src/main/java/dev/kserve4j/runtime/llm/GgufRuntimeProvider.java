package dev.kserve4j.runtime.llm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code gguf} model format: a language model in llama.cpp's GGUF file, served by llama.cpp.
 * A model directory holds {@code model.gguf} or exactly one other {@code *.gguf} file.
 *
 * <p>Options: see {@link LlamaOptions} ({@code contextSize}, {@code threads}, {@code parallel},
 * {@code batchSize}, {@code embedding}, {@code pooling}, {@code verbose}).
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
    return Files.isRegularFile(directory.resolve(TinyGguf.FILE_NAME))
        || ggufFiles(directory).size() == 1;
  }

  @Override
  public Model load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    LlamaOptions options = LlamaOptions.of(spec);
    return LlamaCppModel.load(spec, modelFile(spec), options);
  }

  static Path modelFile(ModelSpec spec) {
    Path dir = spec.directory();
    Path preferred = dir.resolve(TinyGguf.FILE_NAME);
    if (Files.isRegularFile(preferred)) {
      return preferred;
    }
    if (!Files.isDirectory(dir)) {
      throw ModelLoadException.of(spec.name(), dir, "not a directory", null);
    }
    List<Path> candidates = ggufFiles(dir);
    if (candidates.size() != 1) {
      throw ModelLoadException.of(spec.name(), dir,
          "found " + candidates.size() + " .gguf files " + candidates.stream()
              .map(p -> p.getFileName().toString()).toList()
              + " (expected " + TinyGguf.FILE_NAME + " or exactly one *.gguf file)", null);
    }
    return candidates.get(0);
  }

  private static List<Path> ggufFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
