package dev.kserve4j.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRuntimeProviderTest {
  private final GgufRuntimeProvider provider = new GgufRuntimeProvider();

  @Test
  void detectsADirectoryWithModelGgufOrExactlyOneGgufFile(@TempDir Path tmp) throws Exception {
    Path tiny = tmp.resolve("tiny");
    TinyGguf.write(tiny);
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("qwen-q4.gguf"), "x");
    Path two = Files.createDirectories(tmp.resolve("two"));
    Files.writeString(two.resolve("a.gguf"), "x");
    Files.writeString(two.resolve("b.gguf"), "x");

    assertThat(provider.canLoad(tiny)).isTrue();
    assertThat(provider.canLoad(other)).isTrue();
    assertThat(provider.canLoad(two)).isFalse();
    assertThat(provider.canLoad(tmp.resolve("missing"))).isFalse();
    assertThat(provider.files().require(new ModelSpec("m", other)))
        .isEqualTo(other.resolve("qwen-q4.gguf"));
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", two)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': several model files match *.gguf in "
                + two
                + ": a.gguf, b.gguf (expected model.gguf, or exactly one such file)");
  }

  @Test
  void ggufAndHuggingfaceAreFoundByNameButOnlyGgufIsDetected(@TempDir Path tmp) {
    TinyGguf.write(tmp);
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());

    assertThat(runtimes.require("gguf")).isInstanceOf(GgufRuntimeProvider.class);
    assertThat(runtimes.require("HuggingFace")).isInstanceOf(HuggingFaceRuntimeProvider.class);
    assertThat(runtimes.detect(tmp)).isInstanceOf(GgufRuntimeProvider.class);
    assertThat(runtimes.require("huggingface").platform()).isEqualTo("llama_cpp");
  }

  @Test
  void rejectsBadOptionsNamingOptionAndValue(@TempDir Path tmp) {
    TinyGguf.write(tmp);

    assertBadOption(
        tmp, Map.of("contextSize", "0"), "option contextSize=0 (expected an integer >= 1)");
    assertBadOption(
        tmp, Map.of("threads", "many"), "option threads=many (expected an integer >= 1)");
    assertBadOption(tmp, Map.of("parallel", "-2"), "option parallel=-2 (expected an integer >= 1)");
    assertBadOption(
        tmp, Map.of("embedding", "yes"), "option embedding=yes (expected true or false)");
    assertBadOption(
        tmp,
        Map.of("cachePrompt", "sometimes"),
        "option cachePrompt=sometimes (expected true or false)");
    assertBadOption(
        tmp, Map.of("pooling", "mean"), "option pooling=mean (expected last, cls or none)");
  }

  @Test
  void aMissingDirectoryIsNamed(@TempDir Path tmp) {
    Path missing = tmp.resolve("nowhere");

    assertThatThrownBy(() -> provider.load(new ModelSpec("m", missing)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': cannot load " + missing + ": not a directory");
  }

  private void assertBadOption(Path dir, Map<String, String> options, String message) {
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", null, dir, options)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': " + message);
  }
}
