package dev.kserve4j.runtime.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection of PMML files and documents that fail at load, naming what is not supported. */
class PmmlRuntimeProviderTest {
  private final PmmlRuntimeProvider provider = new PmmlRuntimeProvider();
  @TempDir Path dir;

  @Test
  void isFoundThroughServiceLoader() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());
    assertThat(runtimes.require("pmml")).isInstanceOf(PmmlRuntimeProvider.class);
    assertThat(provider.platform()).isEqualTo("pmml");
  }

  @Test
  void recognisesExactlyOnePmmlFile() throws Exception {
    assertThat(provider.canLoad(TestModels.directory("iris-pmml-tree"))).isTrue();
    assertThat(provider.canLoad(TestModels.directory("iris-xgboost"))).isFalse();
    assertThat(provider.canLoad(dir)).isFalse();
    Files.writeString(dir.resolve("a.pmml"), "<PMML/>");
    Files.writeString(dir.resolve("b.pmml"), "<PMML/>");
    assertThat(provider.canLoad(dir)).isFalse();
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessage(
            "model 'm': several model files match *.pmml in "
                + dir
                + ": a.pmml, b.pmml (expected exactly one such file)");
  }

  @Test
  void unsupportedModelNamesTheSupportedOnes() {
    assertLoadError(
        Documents.pmml(
            Documents.IRIS_DICTIONARY + "<NeuralNetwork functionName=\"classification\"/>"),
        "model element NeuralNetwork is not supported (supported: TreeModel, RegressionModel,"
            + " MiningModel)");
  }

  @Test
  void unsupportedElementInsideAModel() {
    assertLoadError(
        Documents.pmml(
            Documents.IRIS_DICTIONARY
                + "<TreeModel functionName=\"classification\"><MiningSchema>"
                + "<MiningField name=\"species\" usageType=\"target\"/></MiningSchema>"
                + "<ModelVerification/><Node score=\"setosa\"><True/>"
                + "<Regression/></Node></TreeModel>"),
        "Node: element Regression is not supported (supported here: SimplePredicate,"
            + " SimpleSetPredicate, CompoundPredicate, True, False, ScoreDistribution, Node)");
  }

  @Test
  void unknownFunctionAndUndefinedField() {
    String apply =
        "<TransformationDictionary><DerivedField name=\"d\" optype=\"continuous\""
            + " dataType=\"double\"><Apply function=\"%s\"><FieldRef field=\"%s\"/></Apply>"
            + "</DerivedField></TransformationDictionary>";
    String model =
        "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField"
            + " name=\"sepal_length\"/></MiningSchema><RegressionTable intercept=\"1\"/>"
            + "</RegressionModel>";
    assertLoadError(
        Documents.pmml(
            Documents.IRIS_DICTIONARY + apply.formatted("x-erf", "sepal_length") + model),
        "Apply function=\"x-erf\": function 'x-erf' is not supported (supported: [*, +, -, /,");
    assertLoadError(
        Documents.pmml(Documents.IRIS_DICTIONARY + apply.formatted("ln", "petal") + model),
        "FieldRef field=\"petal\": field 'petal' is not defined");
  }

  @Test
  void malformedXmlAndDoctypesAreRefused() {
    assertLoadError("<PMML><DataDictionary>", "not well-formed XML");
    assertLoadError(
        "<?xml version=\"1.0\"?><!DOCTYPE PMML [<!ENTITY x SYSTEM"
            + " \"file:///etc/passwd\">]><PMML>&x;</PMML>",
        "not well-formed XML");
  }

  private void assertLoadError(String document, String reason) {
    Documents.write(dir, document);
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(
            "model 'm': cannot load " + dir.resolve("model.pmml") + ": " + reason);
  }
}
