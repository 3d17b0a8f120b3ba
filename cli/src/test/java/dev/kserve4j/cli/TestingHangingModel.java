package dev.kserve4j.cli;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A model whose every call hangs for good, ignoring interrupts, as a runtime stuck in a native call
 * does; it says on standard output when a call has begun. Served by the child processes of {@link
 * ServeShutdownIT} through {@code serve --model-class}.
 */
public final class TestingHangingModel extends CustomModel {
  static final String CALL_STARTED = "TestingHangingModel: a call began and will never end";

  @Override
  public void load(ModelSpec spec) {}

  @Override
  public InferResponse predict(InferRequest request) {
    System.out.println(CALL_STARTED);
    System.out.flush();
    while (true) {
      LockSupport.park(this);
    }
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "hanging",
        List.of(),
        "custom",
        List.of(new TensorMetadata("x", Datatype.FP32, new long[] {-1})),
        List.of(new TensorMetadata("y", Datatype.FP32, new long[] {-1})));
  }
}
