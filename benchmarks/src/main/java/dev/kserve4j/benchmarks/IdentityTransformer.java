package dev.kserve4j.benchmarks;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.ModelSpec;
import java.util.List;

/**
 * A Java transformer of the iris model that changes nothing: its own preprocess and postprocess
 * return what they get, so the server runs it as a transformer and what it costs is the hop itself
 * (decoding the body for the steps, encoding it for the predictor, calling it). Served by {@code
 * benchmarks/transformer} with {@code serve --model-class} and timed in one JVM by {@link
 * TransformerOverhead}.
 */
public final class IdentityTransformer extends CustomModel {
  @Override
  public void load(ModelSpec spec) {}

  @Override
  public InferRequest preprocess(InferRequest request) {
    return request;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    throw new IllegalStateException("a transformer's predict is not called");
  }

  @Override
  public InferResponse postprocess(InferResponse response, InferRequest request) {
    return response;
  }

  /** The iris model's input, and its first output, which V1 answers show. */
  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata(
        "identity-transformer",
        List.of(),
        "custom",
        List.of(new TensorMetadata("float_input", Datatype.FP32, new long[] {-1, 4})),
        List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
  }
}
