package dev.kserve4j.runtime.custom;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.protocol.v2.V2RequestCodec;
import dev.kserve4j.protocol.v2.V2ResponseCodec;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link CustomModel} with its own preprocess or postprocess as KServe's transformer: bodies are
 * decoded into the tensors its steps take (V1 rows into its first declared input, V2 as they are),
 * {@code preprocess}'s request is written in the predictor's protocol and the predictor's answer
 * decoded for {@code postprocess}, whose response is written in the client's protocol. Its {@code
 * predict} is not called. Failures are answers with the status of their kind.
 */
final class CustomStages implements TransformerStages {
  private static final TensorMetadata UNDECLARED =
      new TensorMetadata("input-0", Datatype.FP64, new long[] {-1});

  private final String name;
  private final CustomModel model;
  private final Protocol predictor;
  private final Supplier<ModelMetadata> metadata;
  private final Function<Supplier<JsonReply>, JsonReply> guard;

  /**
   * @param predictor the protocol the predictor is called with
   * @param guard runs a step of the user's code as the model runs all its calls
   */
  CustomStages(
      String name,
      CustomModel model,
      Protocol predictor,
      Supplier<ModelMetadata> metadata,
      Function<Supplier<JsonReply>, JsonReply> guard) {
    this.name = name;
    this.model = model;
    this.predictor = predictor;
    this.metadata = metadata;
    this.guard = guard;
  }

  /** Whether {@code model}'s class defines preprocess or postprocess itself. */
  static boolean transforms(CustomModel model) {
    try {
      Class<?> c = model.getClass();
      return c.getMethod("preprocess", InferRequest.class).getDeclaringClass() != CustomModel.class
          || c.getMethod("postprocess", InferResponse.class, InferRequest.class).getDeclaringClass()
              != CustomModel.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public JsonReply preprocess(Body request, Map<String, String> headers) {
    return answer(
        () -> {
          InferRequest prepared = model.preprocess(decode(request));
          if (prepared == null) {
            throw KServeException.modelFailure(
                "model '" + name + "': preprocess returned null", null);
          }
          return JsonReply.json(
              200,
              predictor == Protocol.V1
                  ? V1Codec.encodeInstances(prepared)
                  : V2RequestCodec.encode(prepared));
        });
  }

  @Override
  public JsonReply postprocess(Body response, Body request, Map<String, String> headers) {
    return answer(
        () -> {
          InferRequest original = decode(request);
          InferResponse raw =
              response.protocol() == Protocol.V1
                  ? V1Codec.decodePredictions(
                      name, response.bytes(), first(metadata.get().outputs()))
                  : V2RequestCodec.decodeResponse(response.bytes(), -1, name);
          InferResponse done = model.postprocess(raw, original);
          if (done == null) {
            throw KServeException.modelFailure(
                "model '" + name + "': postprocess returned null", null);
          }
          return JsonReply.json(
              200,
              request.protocol() == Protocol.V1
                  ? V1Codec.encodePredictions(done, model.v1Predictions())
                  : V2ResponseCodec.encode(done, original).body());
        });
  }

  private InferRequest decode(Body body) {
    return body.protocol() == Protocol.V1
        ? V1Codec.decodePredict(name, body.bytes(), first(metadata.get().inputs()))
        : V2RequestCodec.decode(name, null, body.bytes(), -1);
  }

  /** The first of {@code declared}, or an FP64 tensor of any length when none is declared. */
  static TensorMetadata first(List<TensorMetadata> declared) {
    return declared.isEmpty() ? UNDECLARED : declared.get(0);
  }

  private JsonReply answer(Supplier<JsonReply> step) {
    try {
      return guard.apply(step);
    } catch (KServeException e) {
      return ErrorReplies.of(e);
    }
  }
}
