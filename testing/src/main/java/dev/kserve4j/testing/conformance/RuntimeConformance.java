package dev.kserve4j.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every runtime keeps, checked against the runtime's own fixture model. A runtime
 * module's test extends it with the format, a fixture directory, load options and the {@link Calls}
 * the fixture answers and refuses; the checks are:
 *
 * <ul>
 *   <li>the provider is found by {@code ServiceLoader} under its format, recognises the fixture
 *       (unless it never detects files) and not an empty or missing directory;
 *   <li>an empty directory fails to load with {@code ModelLoadException} (HTTP 503);
 *   <li>the metadata names the model and the provider's platform, and a tensor model declares its
 *       inputs (unless its files cannot name them) and the outputs it returns, each with a name,
 *       datatype and shape;
 *   <li>the valid call is answered; each bad call is refused as {@code INVALID_INPUT} (HTTP 400)
 *       and the model serves the valid call afterwards;
 *   <li>a model closes, and closing it again is harmless.
 * </ul>
 *
 * <p>The fixture is loaded once per class as {@value #MODEL}; each test stands alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
public abstract class RuntimeConformance {
  /** The name the fixture is served under. */
  protected static final String MODEL = "conformance";

  private Path scratch;
  private ModelRuntimeProvider provider;
  private Path fixture;
  private Model model;

  /** The KServe {@code modelFormat.name} under test, e.g. {@code "onnx"}. */
  protected abstract String format();

  /** The model directory to load (e.g. {@code TestModels.directory("iris-onnx")}). */
  protected abstract Path fixture();

  /** How the fixture is called. */
  protected abstract Calls calls();

  /** The load options of the fixture; none by default. */
  protected Map<String, String> options() {
    return Map.of();
  }

  /**
   * Whether the provider recognises the fixture from its files; false for formats that are only
   * ever named (e.g. {@code custom}).
   */
  protected boolean detectsItsFiles() {
    return true;
  }

  /**
   * A directory of this test class's own for fixtures written at run time, created on first use and
   * removed after the class's tests.
   */
  protected final Path scratch() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("kserve4j-conformance-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory", e);
      }
    }
    return scratch;
  }

  /**
   * Whether the fixture's metadata declares its inputs; false only for model files that carry no
   * input names (a scikit-learn joblib, as KServe's sklearnserver shows none either).
   */
  protected boolean declaresInputs() {
    return true;
  }

  @BeforeAll
  void loadTheFixture() {
    provider = ModelRuntimes.discover(getClass().getClassLoader()).require(format());
    fixture = fixture();
    model = provider.load(spec(fixture));
  }

  @AfterAll
  void closeTheFixture() throws IOException {
    try {
      if (model != null) {
        model.close();
      }
    } finally {
      if (scratch != null) {
        try (Stream<Path> paths = Files.walk(scratch)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private ModelSpec spec(Path directory) {
    return new ModelSpec(MODEL, null, directory, options());
  }

  @Test
  void theProviderIsFoundByServiceLoaderUnderItsFormat() {
    assertEquals(format(), provider.format(), "format of " + provider.getClass().getName());
    assertFalse(provider.platform().isBlank(), "platform of " + provider.getClass().getName());
  }

  @Test
  void canLoadRecognisesTheFixtureAndNoEmptyOrMissingDirectory() throws Exception {
    assertEquals(detectsItsFiles(), provider.canLoad(fixture), "canLoad(" + fixture + ")");
    Path empty = Files.createTempDirectory(scratch(), "empty");
    assertFalse(provider.canLoad(empty), "canLoad of an empty directory");
    assertFalse(provider.canLoad(empty.resolve("missing")), "canLoad of a missing directory");
  }

  @Test
  void anEmptyDirectoryFailsToLoadAsUnavailable() throws Exception {
    Path empty = Files.createTempDirectory(scratch(), "empty");
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class, () -> provider.load(new ModelSpec(MODEL, empty)).close());
    assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    assertTrue(
        e.getMessage().contains("'" + MODEL + "'"),
        () -> "the error names the model: " + e.getMessage());
  }

  @Test
  void metadataNamesTheModelAndDeclaresItsTensors() {
    ModelMetadata metadata = model.metadata();
    assertEquals(MODEL, metadata.name(), "metadata name");
    assertEquals(provider.platform(), metadata.platform(), "metadata platform");
    if (calls() instanceof Calls.Infer) {
      assertEquals(
          declaresInputs(),
          !metadata.inputs().isEmpty(),
          "a tensor model declares its inputs: " + metadata.inputs());
      for (TensorMetadata t : concat(metadata.inputs(), metadata.outputs())) {
        assertFalse(t.name().isBlank(), "tensor name");
        assertNotNull(t.datatype(), () -> t.name() + ": datatype");
        assertNotNull(t.shape(), () -> t.name() + ": shape");
        assertTrue(
            Arrays.stream(t.shape()).allMatch(d -> d >= -1),
            () -> t.name() + ": shape " + Arrays.toString(t.shape()) + " (expected dims >= -1)");
      }
    }
  }

  @Test
  void theValidCallIsServed() {
    serveTheValidCall();
  }

  @Test
  void badInputIsRefusedAs400AndTheModelStillServes() {
    switch (calls()) {
      case Calls.Infer infer -> {
        for (InferRequest bad : infer.bad()) {
          assertInvalidInput(() -> model.predict(bad), "predict " + describe(bad));
        }
      }
      case Calls.Generate generate -> {
        TextGenerator generator = model.textGenerator().orElseThrow();
        for (GenerationRequest bad : generate.bad()) {
          assertInvalidInput(
              () -> generator.generate(bad, token -> true), "generate " + abbreviate(bad.prompt()));
        }
      }
      case Calls.Forward forward ->
          // Nothing reaches the runtime but the V2 call, which it refuses as not offered.
          assertV2Refused();
    }
    serveTheValidCall();
  }

  @Test
  void aModelClosesAndASecondCloseIsHarmless() {
    Model another = provider.load(spec(fixture));
    assertDoesNotThrow(another::close, "first close");
    assertDoesNotThrow(another::close, "second close");
  }

  private void serveTheValidCall() {
    switch (calls()) {
      case Calls.Infer infer -> assertAnswered(model.predict(infer.valid()));
      case Calls.Generate generate -> {
        assertV2Refused();
        StringBuilder text = new StringBuilder();
        Generation g =
            model
                .textGenerator()
                .orElseThrow(() -> new AssertionError("a language model offers textGenerator()"))
                .generate(
                    generate.valid(),
                    token -> {
                      text.append(token.text());
                      return true;
                    });
        assertTrue(g.completionTokens() >= 1, () -> "tokens generated: " + g);
        assertTrue(g.promptTokens() >= 1, () -> "prompt tokens: " + g);
        assertFalse(text.isEmpty(), () -> "text generated: " + g);
      }
      case Calls.Forward forward -> {
        assertTrue(model.openAiUpstream().isPresent(), "a forwarded model names its upstream");
        assertV2Refused();
      }
    }
  }

  private void assertAnswered(InferResponse response) {
    assertNotNull(response, "response");
    assertFalse(response.outputs().isEmpty(), "the response has outputs");
    Set<String> declared =
        model.metadata().outputs().stream().map(TensorMetadata::name).collect(Collectors.toSet());
    for (Tensor output : response.outputs()) {
      assertTrue(
          declared.isEmpty() || declared.contains(output.name()),
          () -> "output '" + output.name() + "' is declared in the metadata " + declared);
    }
  }

  private void assertV2Refused() {
    KServeException e =
        assertThrows(
            KServeException.class,
            () -> model.predict(InferRequest.of(MODEL)),
            "a V2 call to a model without tensors");
    assertEquals(ErrorKind.UNIMPLEMENTED, e.kind(), e::getMessage);
  }

  private static void assertInvalidInput(Runnable call, String what) {
    KServeException e = assertThrows(KServeException.class, call::run, what);
    assertEquals(ErrorKind.INVALID_INPUT, e.kind(), () -> what + ": " + e.getMessage());
    assertFalse(e.getMessage() == null || e.getMessage().isBlank(), what + ": a message");
  }

  private static String describe(InferRequest request) {
    return request.inputs().stream()
        .map(t -> t.name() + " " + t.datatype() + Arrays.toString(t.shape()))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static List<TensorMetadata> concat(List<TensorMetadata> a, List<TensorMetadata> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
