package dev.kserve4j.runtime.llm;

import de.kherud.llama.LlamaModel;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GGUF language model loaded into llama.cpp (through the {@code de.kherud:llama} bindings, which
 * run llama.cpp's server loop with its slots in a native thread). It generates text and embeddings
 * for the OpenAI-compatible API; the V2 infer call is not offered.
 */
final class LlamaCppModel implements Model {
  private final String name;
  private final LlamaModel llama;
  private final LlamaTextGenerator generator;
  private final ModelMetadata metadata;
  private final boolean embedding;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LlamaCppModel(ModelSpec spec, LlamaModel llama, LlamaOptions options) {
    this.name = spec.name();
    this.llama = llama;
    this.embedding = options.embedding();
    this.generator = new LlamaTextGenerator(name, llama, options);
    List<String> versions = spec.version() == null ? List.of() : List.of(spec.version());
    this.metadata =
        new ModelMetadata(name, versions, GgufRuntimeProvider.PLATFORM, List.of(), List.of());
  }

  static LlamaCppModel load(ModelSpec spec, Path file, LlamaOptions options) {
    if (!Files.isReadable(file)) {
      throw ModelLoadException.of(spec.name(), file, "the file is not readable", null);
    }
    LlamaModel llama;
    try {
      llama = new LlamaModel(options.toParameters(file.toAbsolutePath().toString()));
    } catch (RuntimeException | LinkageError e) {
      throw ModelLoadException.of(
          spec.name(),
          file,
          "llama.cpp cannot load it as a GGUF model (" + e.getMessage() + ")",
          e);
    }
    return new LlamaCppModel(spec, llama, options);
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /** Not offered: a language model is called through the OpenAI-compatible API. */
  @Override
  public InferResponse predict(InferRequest request) {
    String api =
        embedding
            ? "/openai/v1/embeddings"
            : "/openai/v1/completions or /openai/v1/chat/completions";
    throw KServeException.unimplemented(
        "model '"
            + name
            + "' is a "
            + (embedding ? "text embedder" : "text generator")
            + " served by llama.cpp: use the OpenAI API at "
            + api
            + " (the V2 infer protocol is not offered for it)");
  }

  @Override
  public boolean batchable() {
    return false;
  }

  @Override
  public Optional<TextGenerator> textGenerator() {
    return Optional.of(generator);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      llama.close();
    }
  }
}
