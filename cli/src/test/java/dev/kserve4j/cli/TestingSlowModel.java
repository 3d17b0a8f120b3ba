package dev.kserve4j.cli;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import java.util.List;

/**
 * A model whose every call takes {@link #CALL_MILLIS} and then answers {@code y = [42]}; it says on
 * standard output when a call has begun, so a test knows a request is in flight before it signals
 * the process. Served by the child processes of {@link ServeShutdownIT} through {@code serve
 * --model-class}.
 */
public final class TestingSlowModel extends CustomModel {
  static final String CALL_STARTED = "TestingSlowModel: a call began";
  static final long CALL_MILLIS = 3_000;

  @Override
  public void load(ModelSpec spec) {}

  @Override
  public InferResponse predict(InferRequest request) {
    System.out.println(CALL_STARTED);
    System.out.flush();
    try {
      Thread.sleep(CALL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while answering", e);
    }
    return InferResponse.of(
        request.modelName(), List.of(Tensor.ofFloats("y", new long[] {1}, new float[] {42f})));
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "slow",
        List.of(),
        "custom",
        List.of(new TensorMetadata("x", Datatype.FP32, new long[] {-1})),
        List.of(new TensorMetadata("y", Datatype.FP32, new long[] {-1})));
  }
}
