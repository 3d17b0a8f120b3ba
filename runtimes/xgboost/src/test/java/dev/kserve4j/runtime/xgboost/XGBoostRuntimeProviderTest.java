package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection of booster files and load failures. */
class XGBoostRuntimeProviderTest {
  private final XGBoostRuntimeProvider provider = new XGBoostRuntimeProvider();
  @TempDir Path dir;

  @Test
  void isFoundThroughServiceLoader() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());
    assertThat(runtimes.require("xgboost")).isInstanceOf(XGBoostRuntimeProvider.class);
    assertThat(provider.platform()).isEqualTo("xgboost");
  }

  @Test
  void recognisesEachFormatNextToExpectedJson() {
    assertThat(provider.canLoad(TestModels.directory("iris-xgboost"))).isTrue();
    assertThat(provider.canLoad(TestModels.directory("iris-xgboost-ubj"))).isTrue();
    assertThat(provider.canLoad(TestModels.directory("iris-xgboost-bst"))).isTrue();
    assertThat(provider.canLoad(TestModels.directory("iris-onnx"))).isFalse();
  }

  @Test
  void acceptsASingleBoosterUnderAnotherName() throws Exception {
    Files.copy(TestModels.file("iris-xgboost-ubj", "model.ubj"), dir.resolve("iris.ubj"));
    Files.writeString(dir.resolve("notes.json"), "{\"author\": \"someone\"}");
    assertThat(BoosterFiles.FINDER.find(dir)).contains(dir.resolve("iris.ubj"));
    try (var model = provider.load(new ModelSpec("iris", dir))) {
      assertThat(model.metadata().inputs().get(0).shape()).containsExactly(-1, 4);
    }
  }

  @Test
  void rejectsLightGbmTextAndEmptyDirectories() throws Exception {
    assertThat(provider.canLoad(dir)).isFalse();
    Files.writeString(dir.resolve("model.bst"), "tree\nversion=v4\nnum_class=1\n");
    assertThat(provider.canLoad(dir)).isFalse();
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': no model file matching *.bst/*.json/*.ubj holding an XGBoost"
                + " model in "
                + dir
                + " (found: model.bst)");
  }

  @Test
  void corruptBoosterIsALoadErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("model.json"), "{\"learner\": {\"broken\": ");
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageStartingWith(
            "model 'm': cannot load "
                + dir.resolve("model.json")
                + ": not a readable XGBoost model");
  }

  @Test
  void badOptionsAreLoadErrors() {
    Path iris = TestModels.directory("iris-xgboost");
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", null, iris, Map.of("nthread", "0"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': option nthread=0 (expected >= 1)");
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", null, iris, Map.of("nthread", "x"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': option nthread=x (expected an integer)");
    assertThatThrownBy(
            () -> provider.load(new ModelSpec("m", null, iris, Map.of("predictor", "gpu"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageEndingWith("option predictor=gpu (expected auto or native)");
  }
}
