package dev.kserve4j.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.GoldenCase;
import dev.kserve4j.testing.TensorAssertions;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.proto.DataType;

/** Discovery, directory layouts, options and load failures of the TensorFlow runtime. */
class TensorflowRuntimeProviderTest {
  private final TensorflowRuntimeProvider provider = new TensorflowRuntimeProvider();
  private final Path softmax = TestModels.directory("softmax-tensorflow");

  @TempDir Path dir;

  @Test
  void isFoundThroughTheServiceLoader() {
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());

    assertThat(runtimes.require("tensorflow")).isInstanceOf(TensorflowRuntimeProvider.class);
    assertThat(runtimes.require("tensorflow").platform()).isEqualTo("tensorflow_savedmodel");
    assertThat(runtimes.detect(softmax)).isInstanceOf(TensorflowRuntimeProvider.class);
  }

  @Test
  void recognisesASavedModelAtTheTopOrInANumericVersion() throws IOException {
    assertThat(provider.canLoad(dir)).isFalse();
    copy(softmax.resolve("1"), dir.resolve("latest"));
    assertThat(provider.canLoad(dir)).as("non-numeric subdirectory").isFalse();
    copy(softmax.resolve("1"), dir.resolve("3"));
    assertThat(provider.canLoad(dir)).isTrue();
    assertThat(provider.canLoad(dir.resolve("latest"))).as("SavedModel at the top").isTrue();
    assertThat(provider.canLoad(dir.resolve("absent"))).isFalse();
  }

  @Test
  void servesTheHighestNumericVersionComparedAsNumbers() throws IOException {
    copy(softmax.resolve("1"), dir.resolve("10"));
    copy(softmax.resolve("2"), dir.resolve("9"));
    copy(softmax.resolve("2"), dir.resolve("99x"));

    try (TensorflowModel model = provider.load(new ModelSpec("m", dir))) {
      assertThat(model.metadata().versions()).containsExactly("10");
      assertMatches(model, GoldenCase.read("softmax-tensorflow", "expected-v1.json"));
    }
  }

  @Test
  void servesASavedModelPlacedDirectlyInTheModelDirectory() throws IOException {
    copy(softmax.resolve("1"), dir);

    try (TensorflowModel model = provider.load(new ModelSpec("m", "7", dir, Map.of()))) {
      assertThat(model.metadata().versions()).containsExactly("7");
      assertMatches(model, GoldenCase.read("softmax-tensorflow", "expected-v1.json"));
    }
  }

  @Test
  void unknownSignatureFailsListingTheSignatures() {
    assertLoadFails(
        spec(Map.of("signature", "classify")),
        "no signature 'classify' (expected one of [logits, serving_default])");
  }

  @Test
  void badOptionsFailNamingTheOptionAndWhatIsExpected() {
    assertLoadFails(
        spec(Map.of("intraOpThreads", "many")), "option intraOpThreads=many (expected an integer)");
    assertLoadFails(
        spec(Map.of("interOpThreads", "-1")),
        "option interOpThreads=-1 (expected >= 0; 0 lets TensorFlow choose)");
    assertLoadFails(spec(Map.of("signature", " ")), "option signature is empty");
  }

  @Test
  void threadOptionsAreAccepted() {
    try (TensorflowModel model =
        provider.load(spec(Map.of("intraOpThreads", "2", "interOpThreads", "0")))) {
      assertMatches(model, GoldenCase.read("softmax-tensorflow"));
    }
  }

  @Test
  void missingDirectoryOrSavedModelFails() throws IOException {
    Path missing = dir.resolve("absent");
    assertLoadFails(new ModelSpec("m", missing), "cannot load " + missing + ": not a directory");

    Files.createDirectories(dir.resolve("1"));
    assertLoadFails(
        new ModelSpec("m", dir),
        "cannot load "
            + dir
            + ": no saved_model.pb found"
            + " (expected it in the directory itself or in a numeric version subdirectory");
  }

  @Test
  void corruptSavedModelFailsNamingTheDirectory() throws IOException {
    Path version = Files.createDirectories(dir.resolve("1"));
    Files.writeString(version.resolve("saved_model.pb"), "not a protobuf");

    assertLoadFails(new ModelSpec("broken", dir), "model 'broken': cannot load " + version + ": ");
  }

  @Test
  void signatureWithADtypeTensorflowJavaCannotCreateIsRefused() throws IOException {
    Path version = dir.resolve("1");
    try (Graph g = new Graph()) {
      Scope scope = Ops.create(g).scope();
      Operation x =
          g.opBuilder("Placeholder", "x", scope).setAttr("dtype", DataType.DT_INT8).build();
      Operation y =
          g.opBuilder("Cast", "y", scope)
              .addInput(x.output(0))
              .setAttr("DstT", DataType.DT_FLOAT)
              .build();
      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(version.toString())
            .withSession(s)
            .withSignature(
                Signature.builder().input("x", x.output(0)).output("y", y.output(0)).build())
            .export();
      }
    }

    assertLoadFails(
        new ModelSpec("int8", dir),
        "input 'x' has dtype DT_INT8, which TensorFlow Java cannot exchange");
  }

  private ModelSpec spec(Map<String, String> options) {
    return new ModelSpec("softmax", null, softmax, options);
  }

  private static void assertMatches(TensorflowModel model, GoldenCase golden) {
    var response = model.predict(InferRequest.of("m", golden.inputs().toArray(Tensor[]::new)));
    assertThat(response.outputs()).hasSameSizeAs(golden.outputs());
    for (int i = 0; i < golden.outputs().size(); i++) {
      TensorAssertions.assertClose(
          response.outputs().get(i), golden.outputs().get(i), golden.tolerance());
    }
  }

  private void assertLoadFails(ModelSpec spec, String message) {
    assertThatThrownBy(() -> provider.load(spec).close())
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining(message);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
