package dev.kserve4j.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.GoldenCase;
import dev.kserve4j.testing.TensorAssertions;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions: naming conventions, input validation, recovery, concurrency and native memory. */
class TorchModelTest {
  private final PyTorchRuntimeProvider provider = new PyTorchRuntimeProvider();
  private final TorchModel mlp =
      provider.load(new ModelSpec("mlp", TestModels.directory("mlp-torch")));
  private final TorchModel pair =
      provider.load(new ModelSpec("pair", TestModels.directory("two-inputs-torch")));
  private final GoldenCase mlpGolden = GoldenCase.read("mlp-torch");
  private final GoldenCase pairGolden = GoldenCase.read("two-inputs-torch");

  @AfterEach
  void close() {
    mlp.close();
    pair.close();
  }

  @Test
  void undeclaredModelTakesPositionalNamesAndIsNotBatchable() {
    Tensor out = mlp.predict("mlp", row(5.1f, 3.5f, 1.4f, 0.2f)).output("OUTPUT__0").orElseThrow();

    assertThat(out.shape()).containsExactly(1, 3);
    assertThat(out.floats()[0] + out.floats()[1] + out.floats()[2]).isCloseTo(1f, within(1e-6f));
    assertThat(mlp.batchable()).isFalse();
    assertThat(pair.batchable()).isTrue();
  }

  @Test
  void declaredInputsMayComeInAnyOrder() {
    Tensor features = pairGolden.inputs().get(0);
    Tensor ids = pairGolden.inputs().get(1);

    var response = pair.predict("pair", ids, features);

    TensorAssertions.assertClose(response.outputs().get(0), pairGolden.outputs().get(0), 1e-5);
    assertThat(response.outputs())
        .extracting(Tensor::name)
        .containsExactly("scores", "label", "doubled_ids");
  }

  @Test
  void wrongShapeOfADeclaredInputNamesTheInputAndShapes() {
    Tensor features = Tensor.ofFloats("features", new long[] {2, 4}, new float[8]);
    Tensor ids = Tensor.ofLongs("ids", new long[] {2}, new long[2]);

    assertInvalid(
        () -> pair.predict("pair", features, ids),
        "model 'pair': input 'features': shape [2, 4] does not fit [-1, 3] (dimension 1 is 4,"
            + " expected 3)");
  }

  @Test
  void wrongRankAndDatatypeAreRejected() {
    Tensor ids = Tensor.ofLongs("ids", new long[] {1}, new long[1]);
    assertInvalid(
        () -> pair.predict("pair", Tensor.ofFloats("features", new long[] {3}, new float[3]), ids),
        "input 'features': shape [3] has 1 dimensions (expected 2, shape [-1, 3])");
    assertInvalid(
        () ->
            pair.predict(
                "pair",
                pairGolden.inputs().get(0),
                Tensor.ofInts("ids", new long[] {4}, new int[4])),
        "input 'ids': datatype INT32 (expected INT64)");
  }

  @Test
  void unknownMissingAndRepeatedInputsAreRejected() {
    Tensor features = pairGolden.inputs().get(0);
    assertInvalid(
        () -> pair.predict("pair", features),
        "missing input 'ids' (expected inputs: [features, ids])");
    assertInvalid(
        () -> pair.predict("pair", features, features), "input 'features' given more than once");
    assertInvalid(
        () -> mlp.predict("mlp", row(1, 2, 3, 4), row(5, 6, 7, 8)),
        "model 'mlp': 2 inputs [INPUT__0, INPUT__0] (expected one: forward() takes a single"
            + " tensor)");
  }

  @Test
  void undeclaredModelDeclaresThePositionalInputsItAccepts() {
    assertThat(mlp.metadata().inputs())
        .containsExactly(new TensorMetadata("INPUT__0", Datatype.FP32, new long[] {-1}));
    assertThat(mlp.metadata().outputs()).isEmpty();
  }

  @Test
  void aSingleInputModelTakesItsTensorUnderAnyNameAsKServeServersDo() {
    Tensor golden = mlpGolden.inputs().get(0);
    Tensor renamed = golden.withName("input-0");

    Tensor out = mlp.predict("mlp", renamed).outputs().get(0);

    TensorAssertions.assertClose(out, mlpGolden.outputs().get(0), mlpGolden.tolerance());
  }

  @Test
  void anUndeclaredMultiInputModelNamesItsPositionalInputs(@TempDir Path dir) throws IOException {
    Files.copy(
        TestModels.directory("two-inputs-torch").resolve("model.pt"), dir.resolve("model.pt"));
    try (TorchModel positional = provider.load(new ModelSpec("positional", dir))) {
      assertThat(positional.metadata().inputs())
          .extracting(TensorMetadata::name)
          .containsExactly("INPUT__0", "INPUT__1");
      Tensor features = pairGolden.inputs().get(0);
      Tensor ids = pairGolden.inputs().get(1);

      assertInvalid(
          () ->
              positional.predict("positional", rename(features, "input-0"), rename(ids, "input-1")),
          "model 'positional': unknown input 'input-0' (expected inputs: [INPUT__0, INPUT__1] by"
              + " position in forward(), as no metadata.json declares names)");
      assertInvalid(
          () -> positional.predict("positional", rename(ids, "INPUT__1")),
          "missing input 'INPUT__0' (expected inputs: [INPUT__0, INPUT__1]");
      var response =
          positional.predict("positional", rename(ids, "INPUT__1"), rename(features, "INPUT__0"));
      assertThat(response.outputs())
          .extracting(Tensor::name)
          .containsExactly("OUTPUT__0", "OUTPUT__1", "OUTPUT__2");
      TensorAssertions.assertClose(
          response.outputs().get(0), pairGolden.outputs().get(0).withName("OUTPUT__0"), 1e-5);
    }
  }

  @Test
  void undeclaredModelReportsLibtorchShapeErrorAsBadInputAndStillServes() {
    Tensor five = Tensor.ofFloats("INPUT__0", new long[] {1, 5}, new float[5]);

    assertThatThrownBy(() -> mlp.predict("mlp", five))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("model 'mlp': PyTorch rejected the inputs: ")
        .hasMessageContaining("1x5")
        .hasMessageContaining("declares no inputs in metadata.json");
    assertInvalid(
        () ->
            mlp.predict(
                "mlp",
                new Tensor(
                    "INPUT__0",
                    dev.kserve4j.protocol.Datatype.UINT32,
                    new long[] {1, 4},
                    new int[4])),
        "input 'INPUT__0': datatype UINT32 (expected one of [BOOL, UINT8, INT8, INT32, INT64, FP16,"
            + " FP32, FP64])");

    // INT16 is a libtorch type that DJL's native layer cannot create: refused, never attempted.
    assertInvalid(
        () ->
            mlp.predict(
                "mlp",
                new Tensor(
                    "INPUT__0",
                    dev.kserve4j.protocol.Datatype.INT16,
                    new long[] {1, 4},
                    new short[4])),
        "input 'INPUT__0': datatype INT16 (expected one of");

    Tensor golden = mlp.predict("mlp", mlpGolden.inputs().get(0)).outputs().get(0);
    TensorAssertions.assertClose(golden, mlpGolden.outputs().get(0), mlpGolden.tolerance());
  }

  @Test
  void concurrentPredictionsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    float[] rows = mlpGolden.inputs().get(0).floats();
    Tensor expected = mlpGolden.outputs().get(0);
    int count = rows.length / 4;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    int r = (thread + i) % count;
                    Tensor out =
                        mlp.predict("mlp", row(Arrays.copyOfRange(rows, r * 4, r * 4 + 4)))
                            .outputs()
                            .get(0);
                    for (int c = 0; c < 3; c++) {
                      assertThat((double) out.floats()[c])
                          .isCloseTo(
                              expected.getAsDouble(r * 3 + c), within(mlpGolden.tolerance()));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void nativeMemoryStaysFlatOver2000Calls() throws IOException {
    // 10,000 rows: 160 KB in and 120 KB out per call, so leaking either would add > 500 MB. The
    // bound leaves room for the Java heap and malloc keeping freed pages (up to ~120 MB measured).
    Tensor batch = Tensor.ofFloats("INPUT__0", new long[] {10_000, 4}, new float[40_000]);
    int arraysBefore = mlp.managedArrays();
    for (int i = 0; i < 200; i++) {
      mlp.predict("mlp", batch);
    }
    long before = settledResidentBytes();
    for (int i = 0; i < 2000; i++) {
      mlp.predict("mlp", batch);
    }
    long growth = settledResidentBytes() - before;

    assertThat(mlp.managedArrays()).isEqualTo(arraysBefore);
    assertThat(growth).as("resident memory growth in bytes").isLessThan(192L << 20);
  }

  /** The lowest of three readings of resident memory, each after a garbage collection. */
  private static long settledResidentBytes() throws IOException {
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      lowest = Math.min(lowest, residentBytes());
    }
    return lowest;
  }

  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private static Tensor rename(Tensor t, String name) {
    return t.withName(name);
  }

  private static Tensor row(float... values) {
    return Tensor.ofFloats("INPUT__0", new long[] {1, values.length}, values);
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining(message);
  }
}
