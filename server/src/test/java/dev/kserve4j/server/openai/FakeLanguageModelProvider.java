package dev.kserve4j.server.openai;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fake-lm} format: a {@link FakeTextGenerator} per model (or, with option {@code
 * generates=false}, a model without one). Loads only directories holding {@value #MARKER}, so
 * detection never picks it for real model files.
 */
public final class FakeLanguageModelProvider implements ModelRuntimeProvider {
  static final String FORMAT = "fake-lm";
  static final String MARKER = "fake-lm.properties";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String platform() {
    return FORMAT;
  }

  @Override
  public boolean canLoad(Path directory) {
    return Files.isRegularFile(directory.resolve(MARKER));
  }

  @Override
  public Model load(ModelSpec spec) {
    boolean generates = Boolean.parseBoolean(spec.options().getOrDefault("generates", "true"));
    TextGenerator generator = generates ? new FakeTextGenerator(spec.name(), spec.options()) : null;
    ModelMetadata metadata =
        new ModelMetadata(spec.name(), List.of(), FORMAT, List.of(), List.of());
    return new Model() {
      @Override
      public ModelMetadata metadata() {
        return metadata;
      }

      @Override
      public InferResponse predict(InferRequest request) {
        throw KServeException.invalidInput(
            "model '" + spec.name() + "' generates text (expected" + " an OpenAI API request)");
      }

      @Override
      public Optional<TextGenerator> textGenerator() {
        return Optional.ofNullable(generator);
      }

      @Override
      public void close() {}
    };
  }
}
