package dev.kserve4j.cli;

import dev.kserve4j.runtime.ModelRuntimes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j tiny-gguf --out DIR}: writes a tiny language model (GGUF, llama architecture,
 * deterministic weights) that llama.cpp loads, so the OpenAI API can be tried with nothing
 * downloaded. It generates text-shaped noise, not sense.
 */
@Command(
    name = "tiny-gguf",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a tiny GGUF language model to DIR/model.gguf (under 1 MB, deterministic,",
      "no download): serve it with 'kserve4j serve --model-dir DIR --model-name tiny' and call",
      "/openai/v1/chat/completions. Its output is grammatical noise, for trying the API only."
    })
public final class TinyGgufCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write model.gguf into (created if missing).")
  Path out;

  @Override
  public Integer call() {
    // The gguf runtime writes it, found like every runtime through ServiceLoader.
    Path file =
        ModelRuntimes.discover(getClass().getClassLoader())
            .require("gguf")
            .writeSample(out)
            .orElseThrow(
                () -> new IllegalStateException("the gguf runtime writes no sample model"));
    System.out.println("wrote " + file + " (" + file.toFile().length() + " bytes)");
    return 0;
  }
}
