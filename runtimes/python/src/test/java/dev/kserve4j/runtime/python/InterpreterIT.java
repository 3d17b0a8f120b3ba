package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing interpreter or package is one clear load error naming what to install. */
class InterpreterIT {
  @TempDir Path dir;

  @Test
  void missingInterpreterIsNamed() {
    ModelSpec spec =
        new ModelSpec(
            "m",
            null,
            TestModels.directory("iris-sklearn-joblib"),
            Map.of("python", "/nonexistent/python3"));
    assertThatThrownBy(() -> new SklearnRuntimeProvider().load(spec))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model 'm': cannot load")
        .hasMessageContaining("/nonexistent/python3: cannot be run");
  }

  @Test
  void missingPackageOfModelPyNamesWhatToInstall() throws IOException {
    TestPython.assumeSklearn();
    Files.writeString(
        dir.resolve("model.py"),
        "import numpy\nimport kserve4j_absent_module\n\nclass M:\n    def predict(self, p):\n"
            + "        return p\n");
    ModelSpec spec = new ModelSpec("m", null, dir, Map.of("python", TestPython.SYSTEM_PYTHON));
    assertThatThrownBy(() -> new PythonRuntimeProvider().load(spec))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            TestPython.SYSTEM_PYTHON
                + " cannot import kserve4j_absent_module:"
                + " install Debian's python3-kserve4j_absent_module");
  }

  @Test
  void searchSkipsAnInterpreterWithoutScikitLearn() {
    TestPython.assumeSklearn();
    String name = "iris-sklearn-joblib";
    // No python option: PATH's python3 may lack scikit-learn; /usr/bin/python3 then serves.
    try (PythonModel model =
        new SklearnRuntimeProvider().load(new ModelSpec(name, TestModels.directory(name)))) {
      assertThat(model.workerPids()).hasSize(1);
    }
  }

  @Test
  void modelPyWithoutAModelClassIsALoadError() throws IOException {
    Files.writeString(dir.resolve("model.py"), "import numpy\nVALUE = 1\n");
    ModelSpec spec = new ModelSpec("m", null, dir, Map.of("python", TestPython.SYSTEM_PYTHON));
    assertThatThrownBy(() -> new PythonRuntimeProvider().load(spec))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.py defines 0 classes with a predict method");
  }
}
