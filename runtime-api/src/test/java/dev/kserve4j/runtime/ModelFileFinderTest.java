package dev.kserve4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileFinderTest {
  private final ModelFileFinder onnx =
      ModelFileFinder.withExtensions(".onnx").preferring("model.onnx");

  @TempDir Path dir;

  private Path touch(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void thePreferredNameWinsOverOtherCandidates() throws IOException {
    Path model = touch("model.onnx", "");
    touch("other.onnx", "");
    assertThat(onnx.find(dir)).contains(model);
    assertThat(onnx.require(new ModelSpec("m", dir))).isEqualTo(model);
  }

  @Test
  void withoutThePreferredNameTheOneCandidateIsTakenWhateverItsCase() throws IOException {
    touch("notes.txt", "");
    Path model = touch("Iris.ONNX", "");
    Files.createDirectory(dir.resolve("sub.onnx"));
    assertThat(onnx.candidates(dir)).containsExactly(model);
    assertThat(onnx.find(dir)).contains(model);
  }

  @Test
  void noCandidateNamesThePatternTheDirectoryAndWhatItHolds() throws IOException {
    touch("b.txt", "");
    touch("a.json", "");
    assertThat(onnx.find(dir)).isEmpty();
    assertThatThrownBy(() -> onnx.require(new ModelSpec("m", dir)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': no model file matching *.onnx in " + dir + " (found: a.json, b.txt)");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> onnx.require(new ModelSpec("m", empty)))
        .hasMessage("model 'm': no model file matching *.onnx in " + empty + " (found: nothing)");
  }

  @Test
  void severalCandidatesAreAmbiguous() throws IOException {
    touch("a.onnx", "");
    touch("b.onnx", "");
    assertThat(onnx.find(dir)).isEmpty();
    assertThatThrownBy(() -> onnx.require(new ModelSpec("m", dir)))
        .hasMessage(
            "model 'm': several model files match *.onnx in "
                + dir
                + ": a.onnx, b.onnx (expected model.onnx, or exactly one such file)");
  }

  @Test
  void severalPreferredNamesAreAmbiguousToo() throws IOException {
    ModelFileFinder trees =
        ModelFileFinder.withExtensions(".bst", ".json").preferring("model.bst", "model.json");
    touch("model.bst", "");
    touch("model.json", "");
    assertThatThrownBy(() -> trees.require(new ModelSpec("m", dir)))
        .hasMessageContaining(
            "several model files match *.bst/*.json in "
                + dir
                + ": model.bst, model.json (expected model.bst or model.json, or exactly one");
  }

  @Test
  void aContentRuleFiltersCandidatesAndIsNamedInErrors() throws IOException {
    ModelFileFinder text =
        ModelFileFinder.withExtensions(".txt")
            .whereContent("starting with 'tree'", ModelFileFinderTest::startsWithTree);
    touch("readme.txt", "hello");
    Path model = touch("model.txt", "tree\n");
    assertThat(text.find(dir)).contains(model);
    Files.delete(model);
    assertThatThrownBy(() -> text.require(new ModelSpec("m", dir)))
        .hasMessage(
            "model 'm': no model file matching *.txt starting with 'tree' in "
                + dir
                + " (found: readme.txt)");
  }

  private static boolean startsWithTree(Path file) {
    try {
      return Files.readString(file).startsWith("tree");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void anExactNameMatchesOnlyItself() throws IOException {
    ModelFileFinder script = ModelFileFinder.named("model.py");
    touch("other.py", "");
    assertThat(script.find(dir)).isEmpty();
    Path model = touch("model.py", "");
    assertThat(script.find(dir)).contains(model);
  }

  @Test
  void aMissingDirectoryIsNotADirectory() {
    Path missing = dir.resolve("missing");
    assertThat(onnx.find(missing)).isEmpty();
    assertThatThrownBy(() -> onnx.require(new ModelSpec("m", missing)))
        .hasMessage("model 'm': cannot load " + missing + ": not a directory");
  }

  @Test
  void badExtensionsAreRefused() {
    assertThatThrownBy(() -> ModelFileFinder.withExtensions("onnx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extensions: [onnx] (expected at least one, each like \".onnx\")");
  }

  @Test
  void aPositiveOptionNamesItsValue() {
    ModelSpec spec = new ModelSpec("m", null, dir, Map.of("nthread", "0", "x", "a"));
    assertThat(spec.intOptionAtLeast("absent", 3, 1)).isEqualTo(3);
    assertThatThrownBy(() -> spec.intOptionAtLeast("nthread", 1, 1))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': option nthread=0 (expected >= 1)");
    assertThatThrownBy(() -> spec.intOptionAtLeast("x", 1, 1))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': option x=a (expected an integer)");
  }
}
