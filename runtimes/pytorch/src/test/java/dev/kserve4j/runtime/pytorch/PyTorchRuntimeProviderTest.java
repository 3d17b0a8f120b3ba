package dev.kserve4j.runtime.pytorch;

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

/** Discovery, file detection, options, metadata files and load failures of the PyTorch runtime. */
class PyTorchRuntimeProviderTest {
  private final PyTorchRuntimeProvider provider = new PyTorchRuntimeProvider();
  private final Path mlp = TestModels.file("mlp-torch", "model.pt");

  @TempDir Path dir;

  @Test
  void isFoundThroughTheServiceLoaderAndDetectedByModelPt() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());

    assertThat(runtimes.require("pytorch")).isInstanceOf(PyTorchRuntimeProvider.class);
    assertThat(runtimes.require("pytorch").platform()).isEqualTo("pytorch_libtorch");
    assertThat(runtimes.detect(TestModels.directory("two-inputs-torch")))
        .isInstanceOf(PyTorchRuntimeProvider.class);
  }

  @Test
  void recognisesModelPtOrASinglePtFile() throws IOException {
    assertThat(provider.canLoad(dir)).isFalse();
    Files.copy(mlp, dir.resolve("classifier.pt"));
    assertThat(provider.canLoad(dir)).isTrue();
    Files.copy(mlp, dir.resolve("other.pt"));
    assertThat(provider.canLoad(dir)).isFalse();
    Files.copy(mlp, dir.resolve("model.pt"));
    assertThat(provider.canLoad(dir)).isTrue();
  }

  @Test
  void loadsASinglePtFileUnderAnotherName() throws IOException {
    Files.copy(mlp, dir.resolve("classifier.pt"));

    try (TorchModel model = provider.load(new ModelSpec("iris", dir))) {
      Tensor row =
          Tensor.ofFloats("INPUT__0", new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f});
      assertThat(model.predict("iris", row).output("OUTPUT__0").orElseThrow().shape())
          .containsExactly(1, 3);
    }
  }

  @Test
  void severalPtFilesAreAmbiguous() throws IOException {
    Files.copy(mlp, dir.resolve("a.pt"));
    Files.copy(mlp, dir.resolve("b.pt"));

    assertLoadFails(
        new ModelSpec("m", dir), "several model files match *.pt in " + dir + ": a.pt, b.pt");
  }

  @Test
  void corruptFileFailsNamingTheFile() throws IOException {
    Path file = Files.write(dir.resolve("model.pt"), "not a zip archive".getBytes());

    assertLoadFails(new ModelSpec("broken", dir), "model 'broken': cannot load " + file + ": ");
    assertLoadFails(
        new ModelSpec("broken", dir), "(expected a TorchScript archive written by torch.jit.save)");
  }

  @Test
  void missingDirectoryFails() {
    Path missing = dir.resolve("absent");

    assertLoadFails(new ModelSpec("m", missing), "cannot load " + missing + ": not a directory");
  }

  @Test
  void badMetadataFilesFailNamingTheEntry() throws IOException {
    Files.copy(mlp, dir.resolve("model.pt"));
    Path metadata = dir.resolve("metadata.json");

    Files.writeString(metadata, "{\"inputs\": [");
    assertLoadFails(new ModelSpec("m", dir), "cannot load " + metadata + ": not valid JSON");
    Files.writeString(
        metadata,
        "{\"inputs\": [], \"outputs\": [{\"name\": \"y\", \"datatype\": \"UINT32\", \"shape\":"
            + " [-1]}]}");
    assertLoadFails(
        new ModelSpec("m", dir), "outputs[0]: datatype 'UINT32' (expected one of [BOOL,");
    Files.writeString(
        metadata,
        "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [-2, 4]}], \"outputs\":"
            + " []}");
    assertLoadFails(
        new ModelSpec("m", dir),
        "inputs[0]: shape dimension 0 is -2 (expected an integer >= 0, or -1");
    Files.writeString(
        metadata, "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [-1, 4]}]}");
    assertLoadFails(new ModelSpec("m", dir), "\"outputs\" is missing or not a list");
  }

  @Test
  void metadataDeclaringTheWrongOutputTypeFailsThePredictionAsAModelFailure() throws IOException {
    Files.copy(mlp, dir.resolve("model.pt"));
    Files.writeString(
        dir.resolve("metadata.json"),
        """
        {"inputs": [{"name": "x", "datatype": "FP32", "shape": [-1, 4]}],
         "outputs": [{"name": "label", "datatype": "INT64", "shape": [-1]}]}\
        """);

    try (TorchModel model = provider.load(new ModelSpec("m", dir))) {
      assertThat(model.batchable()).isTrue();
      assertThatThrownBy(
              () -> model.predict("m", Tensor.ofFloats("x", new long[] {1, 4}, new float[4])))
          .isInstanceOfSatisfying(
              dev.kserve4j.common.KServeException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_FAILURE))
          .hasMessageContaining("output 'label' is FP32 but metadata.json declares INT64");
    }
  }

  @Test
  void badDeviceOptionFailsNamingTheAcceptedValues() {
    assertLoadFails(
        spec(Map.of("device", "tpu")), "option device=tpu (expected cpu, cuda or cuda:<n>)");
  }

  @Test
  void cudaOnTheCpuBuildFailsInsteadOfFallingBack() {
    assertLoadFails(
        spec(Map.of("device", "cuda")),
        "model 'mlp': option device=cuda:0 but this libtorch (2.7.1) is a CPU-only build");
    assertLoadFails(spec(Map.of("device", "cuda:1")), "option device=cuda:1 but");
  }

  @Test
  void cpuDeviceIsExplicitlyAccepted() {
    try (TorchModel model = provider.load(spec(Map.of("device", " CPU ")))) {
      assertThat(model.metadata().platform()).isEqualTo("pytorch_libtorch");
    }
  }

  private ModelSpec spec(Map<String, String> options) {
    return new ModelSpec("mlp", null, TestModels.directory("mlp-torch"), options);
  }

  private void assertLoadFails(ModelSpec spec, String message) {
    assertThatThrownBy(() -> provider.load(spec).close())
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining(message);
  }
}
