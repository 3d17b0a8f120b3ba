package dev.kserve4j.runtime.custom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Predictor;
import dev.kserve4j.runtime.Predictor.PredictorException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link CustomModel} that defines {@code explain} as KServe's explainer: the {@code :explain}
 * body decoded as V1 instances of the model's first input, the user's explain given the model's
 * predictor (the predictor host's, else the model's own {@code infer}) bound to the call's headers,
 * its value written as JSON. Failures are answers: the status of a failure's kind, a predictor's
 * own status for a predictor failure left uncaught.
 */
final class CustomExplainer implements JsonPredictor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final CustomModel model;
  private final Supplier<ModelMetadata> metadata;
  private final Optional<HttpPredictor> remote;
  private final Function<Supplier<JsonReply>, JsonReply> guard;

  /**
   * @param remote the predictor host's predictor, or empty to call the model's own infer
   * @param guard runs a step of the user's code as the model runs all its calls
   */
  CustomExplainer(
      String name,
      CustomModel model,
      Supplier<ModelMetadata> metadata,
      Optional<HttpPredictor> remote,
      Function<Supplier<JsonReply>, JsonReply> guard) {
    this.name = name;
    this.model = model;
    this.metadata = metadata;
    this.remote = remote;
    this.guard = guard;
  }

  /** Whether {@code model}'s class defines explain itself. */
  static boolean explains(CustomModel model) {
    try {
      return model
              .getClass()
              .getMethod("explain", InferRequest.class, Map.class, Predictor.class)
              .getDeclaringClass()
          != CustomModel.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public JsonReply predict(byte[] body, Map<String, String> headers) {
    try {
      return guard.apply(
          () -> {
            InferRequest request =
                V1Codec.decodePredict(name, body, CustomStages.first(metadata.get().inputs()));
            Object explanation = model.explain(request, headers, predictor(headers));
            return JsonReply.json(200, write(explanation));
          });
    } catch (PredictorException e) {
      return ErrorReplies.of(e.status(), e.getMessage());
    } catch (KServeException e) {
      if (e.getCause() instanceof PredictorException p) {
        return ErrorReplies.of(p.status(), p.getMessage());
      }
      return ErrorReplies.of(e);
    }
  }

  private Predictor predictor(Map<String, String> headers) {
    if (remote.isPresent()) {
      return remote.get().forCall(headers);
    }
    return new Predictor() {
      @Override
      public String name() {
        return "model '" + name + "'";
      }

      @Override
      public InferResponse predict(InferRequest request) {
        return model.infer(request);
      }
    };
  }

  private byte[] write(Object explanation) {
    if (explanation instanceof InferResponse response) {
      return V1Codec.encodePredictions(response, model.v1Predictions());
    }
    try {
      return JSON.writeValueAsBytes(explanation);
    } catch (JsonProcessingException e) {
      throw KServeException.modelFailure(
          "model '"
              + name
              + "': explain returned a "
              + (explanation == null ? "null" : explanation.getClass().getName())
              + " that cannot be written as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }
}
