package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRuntimeProviderTest {
  @TempDir Path dir;

  @Test
  void bothFormatsAreDiscovered() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());
    assertThat(runtimes.formats()).contains("sklearn", "python");
  }

  @Test
  void detectsScikitLearnFilesAsKServeNamesThem() throws IOException {
    SklearnRuntimeProvider sklearn = new SklearnRuntimeProvider();
    assertThat(sklearn.canLoad(dir)).isFalse();
    Files.writeString(dir.resolve("model.pkl"), "x");
    assertThat(sklearn.canLoad(dir)).isTrue();
    Files.writeString(dir.resolve("model.joblib"), "x");
    assertThat(sklearn.canLoad(dir)).isFalse();
    assertThatThrownBy(() -> sklearn.load(new ModelSpec("m", dir)))
        .hasMessage(
            "model 'm': several model files match *.joblib/*.pkl/*.pickle in "
                + dir
                + ": model.joblib, model.pkl (expected exactly one such file)");
    assertThat(new PythonRuntimeProvider().canLoad(dir)).isFalse();
  }

  @Test
  void detectsModelPy() throws IOException {
    Files.writeString(dir.resolve("model.py"), "");
    assertThat(new PythonRuntimeProvider().canLoad(dir)).isTrue();
    assertThat(new SklearnRuntimeProvider().canLoad(dir)).isFalse();
  }

  @Test
  void missingModelPyIsALoadError() {
    assertThatThrownBy(() -> new PythonRuntimeProvider().load(new ModelSpec("m", dir)))
        .hasMessage("model 'm': no model file matching model.py in " + dir + " (found: nothing)");
  }

  @Test
  void optionsAreReadWithDefaults() {
    PythonWorkerConfig config = PythonWorkerConfig.from(new ModelSpec("m", dir), Map.of());
    assertThat(config.workers()).isEqualTo(1);
    assertThat(config.timeout().toSeconds()).isEqualTo(60);
    assertThat(config.python()).isEmpty();
    assertThat(config.method()).isEqualTo("predict");
    PythonWorkerConfig env =
        PythonWorkerConfig.from(
            new ModelSpec("m", null, dir, Map.of("PREDICT_PROBA", "true", "workers", "3")),
            Map.of("KSERVE4J_PYTHON", "/opt/py"));
    assertThat(env.method()).isEqualTo("predict_proba");
    assertThat(env.workers()).isEqualTo(3);
    assertThat(env.python()).contains("/opt/py");
  }

  @Test
  void badOptionsNameTheOptionAndTheExpectedValues() {
    assertThatThrownBy(
            () ->
                PythonWorkerConfig.from(
                    new ModelSpec("m", null, dir, Map.of("workers", "0")), Map.of()))
        .hasMessage("model 'm': option workers=0 (expected >= 1)");
    assertThatThrownBy(
            () ->
                PythonWorkerConfig.from(
                    new ModelSpec("m", null, dir, Map.of("timeoutSeconds", "soon")), Map.of()))
        .hasMessage("model 'm': option timeoutSeconds=soon (expected an integer)");
    assertThatThrownBy(
            () ->
                PythonWorkerConfig.from(
                    new ModelSpec("m", null, dir, Map.of("method", "decision_function")), Map.of()))
        .hasMessage(
            "model 'm': option method=decision_function (expected predict or" + " predict_proba)");
  }
}
