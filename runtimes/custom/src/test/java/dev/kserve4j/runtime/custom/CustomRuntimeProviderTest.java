package dev.kserve4j.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomRuntimeProviderTest {
  static final String EXPECTED =
      "(expected a public class extending dev.kserve4j.runtime.CustomModel"
          + " with a public no-arg constructor";

  @TempDir Path dir;

  /** Returns its input; fails on a negative first value (400) or on NaN (an unexpected failure). */
  public static class Checked extends CustomModel {
    @Override
    public void load(ModelSpec spec) {}

    @Override
    public InferRequest preprocess(InferRequest request) {
      double x = request.inputs().get(0).doubles()[0];
      if (x < 0) {
        throw KServeException.invalidInput("input 'x': " + x + " (expected >= 0)");
      }
      if (Double.isNaN(x)) {
        throw new ArithmeticException("NaN reached the model");
      }
      return request;
    }

    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of(request.modelName(), request.inputs());
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("checked", List.of(), "custom", List.of(), List.of());
    }
  }

  public static class NotAModel {}

  public abstract static class Abstract extends Checked {}

  static class Hidden extends Checked {}

  public static class NeedsArguments extends Checked {
    public NeedsArguments(String weights) {}
  }

  public static class ThrowingConstructor extends Checked {
    public ThrowingConstructor() {
      throw new IllegalStateException("no license file");
    }
  }

  public static class ThrowingLoad extends Checked {
    @Override
    public void load(ModelSpec spec) {
      throw new IllegalArgumentException("weights.json: unexpected end of file");
    }
  }

  Model load(String modelClass, String classpath) {
    Map<String, String> options = new HashMap<>();
    if (modelClass != null) {
      options.put(CustomRuntimeProvider.MODEL_CLASS, modelClass);
    }
    if (classpath != null) {
      options.put(CustomRuntimeProvider.CLASSPATH, classpath);
    }
    return new CustomRuntimeProvider().load(new ModelSpec("m", null, dir, options));
  }

  static InferRequest request(double x) {
    return InferRequest.of("m", Tensor.ofDoubles("x", new long[] {1}, new double[] {x}));
  }

  @Test
  void isFoundAsTheCustomFormatAndNeverDetectedFromFiles() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());

    assertThat(runtimes.require("custom")).isInstanceOf(CustomRuntimeProvider.class);
    assertThat(new CustomRuntimeProvider().canLoad(dir)).isFalse();
  }

  @Test
  void missingModelClassOptionIsNamed() {
    assertThatThrownBy(() -> load(null, null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': option modelClass is missing (expected the fully qualified name of"
                + " a class extending dev.kserve4j.runtime.CustomModel, e.g. com.acme.MyModel)");
  }

  @Test
  void missingClasspathEntryIsNamed() {
    Path absent = dir.resolve("absent.jar");

    assertThatThrownBy(() -> load(Checked.class.getName(), dir + File.pathSeparator + absent))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': classpath entry "
                + absent
                + " does not exist (expected a jar file or a directory of classes)");
  }

  @Test
  void unknownClassNamesTheClasspathSearched() {
    assertThatThrownBy(() -> load("com.acme.Nope", dir.toString()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': class com.acme.Nope not found on ["
                + dir
                + "] (expected a fully"
                + " qualified class name, e.g. com.acme.MyModel, of a class in one of those jars or"
                + " directories)");
  }

  @Test
  void classThatIsNotACustomModelIsNamed() {
    assertThatThrownBy(() -> load(NotAModel.class.getName(), null))
        .hasMessage(
            "model 'm': class "
                + NotAModel.class.getName()
                + " does not extend dev.kserve4j.runtime.CustomModel "
                + EXPECTED
                + ")");
  }

  @Test
  void runtimeModelInsteadOfACustomModelGetsAHint() {
    String name = "dev.kserve4j.runtime.custom.UserModel";

    assertThatThrownBy(() -> load(name, null))
        .hasMessage(
            "model 'm': class "
                + name
                + " does not extend dev.kserve4j.runtime.CustomModel "
                + EXPECTED
                + "; it implements dev.kserve4j.runtime.Model, the interface runtimes"
                + " implement)");
  }

  @Test
  void abstractAndNonPublicClassesAreRefused() {
    assertThatThrownBy(() -> load(Abstract.class.getName(), null))
        .hasMessage(
            "model 'm': class " + Abstract.class.getName() + " is abstract " + EXPECTED + ")");
    assertThatThrownBy(() -> load(Hidden.class.getName(), null))
        .hasMessage(
            "model 'm': class " + Hidden.class.getName() + " is not public " + EXPECTED + ")");
  }

  @Test
  void classWithoutNoArgConstructorIsNamed() {
    assertThatThrownBy(() -> load(NeedsArguments.class.getName(), null))
        .hasMessage(
            "model 'm': class "
                + NeedsArguments.class.getName()
                + " has no public no-arg constructor (expected public NeedsArguments())");
  }

  @Test
  void throwingConstructorIsReportedWithItsMessage() {
    assertThatThrownBy(() -> load(ThrowingConstructor.class.getName(), null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': class "
                + ThrowingConstructor.class.getName()
                + ": its constructor threw IllegalStateException: no license file")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void failingLoadIsALoadErrorNamingModelAndClass() {
    assertThatThrownBy(() -> load(ThrowingLoad.class.getName(), null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': load failed in "
                + ThrowingLoad.class.getName()
                + ": IllegalArgumentException: weights.json: unexpected end of file");
  }

  @Test
  void badInputKeepsItsKindAndOtherFailuresBecomeModelFailuresNamingTheModel() {
    try (Model model = load(Checked.class.getName(), null)) {
      assertThat(model.predict(request(2)).outputs().get(0).doubles()).containsExactly(2.0);

      assertThatThrownBy(() -> model.predict(request(-1)))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessage("input 'x': -1.0 (expected >= 0)");
      assertThatThrownBy(() -> model.predict(request(Double.NaN)))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_FAILURE))
          .hasMessage(
              "model 'm': inference failed in "
                  + Checked.class.getName()
                  + ": ArithmeticException: NaN reached the model");
      assertThat(model.predict(request(3)).outputs().get(0).doubles()).containsExactly(3.0);
    }
  }
}
