package dev.kserve4j.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, file detection, options and load failures of the ONNX runtime. */
class OnnxRuntimeProviderTest {
  private final OnnxRuntimeProvider provider = new OnnxRuntimeProvider();
  private final Path iris = TestModels.file("iris-onnx", "model.onnx");

  @TempDir Path dir;

  @Test
  void isFoundThroughTheServiceLoader() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());

    assertThat(runtimes.require("onnx")).isInstanceOf(OnnxRuntimeProvider.class);
    assertThat(runtimes.require("onnx").platform()).isEqualTo("onnxruntime_onnx");
    assertThat(runtimes.detect(TestModels.directory("iris-onnx")))
        .isInstanceOf(OnnxRuntimeProvider.class);
  }

  @Test
  void recognisesModelOnnxOrASingleOnnxFile() throws IOException {
    assertThat(provider.canLoad(dir)).isFalse();
    Files.copy(iris, dir.resolve("classifier.onnx"));
    assertThat(provider.canLoad(dir)).isTrue();
    Files.copy(iris, dir.resolve("other.onnx"));
    assertThat(provider.canLoad(dir)).isFalse();
    Files.copy(iris, dir.resolve("model.onnx"));
    assertThat(provider.canLoad(dir)).isTrue();
  }

  @Test
  void loadsASingleOnnxFileUnderAnotherName() throws IOException {
    Files.copy(iris, dir.resolve("classifier.onnx"));

    try (OnnxModel model = provider.load(new ModelSpec("iris", dir))) {
      Tensor row =
          Tensor.ofFloats("float_input", new long[] {1, 4}, new float[] {7f, 3.2f, 4.7f, 1.4f});
      assertThat(model.predict("iris", row).output("label").orElseThrow().longs())
          .containsExactly(1);
    }
  }

  @Test
  void severalOnnxFilesAreAmbiguous() throws IOException {
    Files.copy(iris, dir.resolve("a.onnx"));
    Files.copy(iris, dir.resolve("b.onnx"));

    assertLoadFails(
        new ModelSpec("m", dir), "several model files match *.onnx in " + dir + ": a.onnx, b.onnx");
  }

  @Test
  void corruptFileFailsNamingTheFile() throws IOException {
    Path file = Files.write(dir.resolve("model.onnx"), "not a protobuf".getBytes());

    assertLoadFails(new ModelSpec("broken", dir), "model 'broken': cannot load " + file + ": ");
  }

  @Test
  void missingDirectoryFails() {
    Path missing = dir.resolve("absent");

    assertLoadFails(new ModelSpec("m", missing), "cannot load " + missing + ": not a directory");
  }

  @Test
  void intraOpThreadsIsConfigurable() {
    ModelSpec spec = spec(Map.of("intraOpThreads", "2"));

    assertThat(OnnxSessionConfig.from(spec).intraOpThreads()).isEqualTo(2);
    try (OnnxModel model = provider.load(spec)) {
      assertThat(model.metadata().inputs()).hasSize(1);
    }
  }

  @Test
  void badOptionsFailNamingTheOptionAndWhatIsExpected() {
    assertLoadFails(
        spec(Map.of("intraOpThreads", "many")), "option intraOpThreads=many (expected an integer)");
    assertLoadFails(
        spec(Map.of("intraOpThreads", "-2")), "option intraOpThreads=-2 (expected >= 0");
    assertLoadFails(
        spec(Map.of("device", "tpu")), "option device=tpu (expected cpu, cuda or cuda:<n>)");
  }

  @Test
  void cudaWithoutItsProviderFailsInsteadOfFallingBack() {
    assertLoadFails(
        spec(Map.of("device", "cuda:0")),
        "option device asks for CUDA but this ONNX Runtime has only");
  }

  private ModelSpec spec(Map<String, String> options) {
    return new ModelSpec("iris", null, TestModels.directory("iris-onnx"), options);
  }

  private void assertLoadFails(ModelSpec spec, String message) {
    assertThatThrownBy(() -> provider.load(spec).close())
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining(message);
  }
}
