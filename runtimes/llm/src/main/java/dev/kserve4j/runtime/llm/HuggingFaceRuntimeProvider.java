package dev.kserve4j.runtime.llm;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code huggingface} model format of KServe's InferenceService, served here by llama.cpp from
 * a GGUF file exactly as {@link GgufRuntimeProvider}. It never claims a directory during format
 * detection, so that a directory with a {@code .gguf} file is detected as {@code gguf} alone.
 */
public final class HuggingFaceRuntimeProvider implements ModelRuntimeProvider {
  private final GgufRuntimeProvider gguf = new GgufRuntimeProvider();

  @Override
  public String format() {
    return "huggingface";
  }

  @Override
  public String platform() {
    return GgufRuntimeProvider.PLATFORM;
  }

  @Override
  public boolean canLoad(Path directory) {
    return false;
  }

  @Override
  public Model load(ModelSpec spec) {
    return gguf.load(spec);
  }
}
