package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** model.py classes with KServe's Model shape, plain and async, served through workers. */
class CustomModelIT {
  private final PythonRuntimeProvider provider = new PythonRuntimeProvider();

  @BeforeAll
  static void needsPython() {
    Required.that(
        TestPython.canImport(TestPython.SYSTEM_PYTHON, "numpy"),
        TestPython.SYSTEM_PYTHON + " cannot import numpy (install Debian's python3-numpy)");
  }

  private PythonModel load(String name) {
    return provider.load(
        new ModelSpec(
            name, null, TestPython.customModel(name), Map.of("python", TestPython.SYSTEM_PYTHON)));
  }

  @Test
  void plainClassLoadsItsFileAndDeclaresMetadata() {
    try (PythonModel model = load("sync-scaler")) {
      assertThat(model.metadata().inputs())
          .containsExactly(new TensorMetadata("x", Datatype.FP32, new long[] {-1, 2}));
      assertThat(model.metadata().platform()).isEqualTo("python");
      assertThat(model.batchable()).isFalse();
      InferResponse response =
          model.predict(
              InferRequest.of(
                  "sync-scaler",
                  Tensor.ofFloats("x", new long[] {2, 2}, new float[] {1, 2, 3, -4})));
      Tensor out = response.outputs().get(0);
      assertThat(out.name()).isEqualTo("output-0");
      assertThat(out.shape()).containsExactly(2, 2);
      assertThat(out.floats()).containsExactly(2.5f, 5f, 7.5f, -10f);
    }
  }

  @Test
  void declaredInputsAreCheckedBeforePython() {
    try (PythonModel model = load("sync-scaler")) {
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.of(
                          "sync-scaler",
                          Tensor.ofFloats("y", new long[] {1, 2}, new float[] {1, 2}))))
          .hasMessage("input 'y' is not an input of the model (expected one of [x])");
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.of(
                          "sync-scaler",
                          Tensor.ofDoubles("x", new long[] {1, 2}, new double[] {1, 2}))))
          .hasMessage("input 'x': datatype FP64 (expected FP32)");
    }
  }

  @Test
  void asyncKServeModelWithPreAndPostprocessing() {
    try (PythonModel model = load("async-transformer")) {
      InferResponse response =
          model.predict(
              InferRequest.of(
                  "async-transformer",
                  new Tensor(
                      "text",
                      Datatype.BYTES,
                      new long[] {3},
                      TestPython.strings("hi", "kserve", "über"))));
      Tensor words = response.output("words").orElseThrow();
      assertThat(Arrays.stream(words.bytes()).map(b -> new String(b, StandardCharsets.UTF_8)))
          .containsExactly("HI!", "KSERVE!", "ÜBER!");
      assertThat(response.output("lengths").orElseThrow().longs()).containsExactly(2, 6, 4);
    }
  }

  @Test
  void invalidInputRaisedByTheModelIsABadRequest() {
    try (PythonModel model = load("async-transformer")) {
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.of(
                          "async-transformer",
                          new Tensor(
                              "text",
                              Datatype.BYTES,
                              new long[] {2},
                              TestPython.strings("ok", "")))))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessage("input 'text': empty word (expected non-empty strings)");
    }
  }

  @Test
  void everyDatatypeCrossesBothWaysUnchanged() {
    List<Tensor> inputs =
        List.of(
            new Tensor("bool", Datatype.BOOL, new long[] {2}, new boolean[] {true, false}),
            new Tensor("u8", Datatype.UINT8, new long[] {2}, new byte[] {(byte) 255, 1}),
            new Tensor("i8", Datatype.INT8, new long[] {2}, new byte[] {-128, 127}),
            new Tensor("u16", Datatype.UINT16, new long[] {1}, new short[] {(short) 65535}),
            new Tensor("i16", Datatype.INT16, new long[] {1}, new short[] {-3}),
            new Tensor(
                "fp16", Datatype.FP16, new long[] {1}, new short[] {Float.floatToFloat16(1.5f)}),
            new Tensor("u32", Datatype.UINT32, new long[] {1}, new int[] {-1}),
            Tensor.ofInts("i32", new long[] {2, 1}, new int[] {Integer.MIN_VALUE, 7}),
            new Tensor("u64", Datatype.UINT64, new long[] {1}, new long[] {-1L}),
            Tensor.ofLongs("i64", new long[] {1}, new long[] {Long.MIN_VALUE}),
            Tensor.ofFloats("fp32", new long[] {1, 2}, new float[] {Float.NaN, -0.0f}),
            Tensor.ofDoubles("fp64", new long[] {1}, new double[] {Math.PI}),
            new Tensor("bytes", Datatype.BYTES, new long[] {2}, new byte[][] {{0, -1, 2}, {}}));
    try (PythonModel model = load("echo")) {
      InferResponse response =
          model.predict(InferRequest.of("echo", inputs.toArray(Tensor[]::new)));
      assertThat(response.outputs()).containsExactlyElementsOf(inputs);
    }
  }

  @Test
  void modelExceptionIsAModelFailureAndTheWorkerKeepsServing() {
    try (PythonModel model = load("faulty")) {
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.of(
                          "faulty", Tensor.ofDoubles("x", new long[] {1}, new double[] {-3}))))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_FAILURE))
          .hasMessage("model 'faulty': the Python model failed: RuntimeError: refusing input -3");
      assertThat(
              model
                  .predict(
                      InferRequest.of(
                          "faulty", Tensor.ofDoubles("x", new long[] {1}, new double[] {0})))
                  .outputs())
          .hasSize(1);
    }
  }
}
