package dev.kserve4j.runtime;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.util.Optional;

/**
 * A loaded model: the unit a runtime hands to the server. Implementations must be safe to call from
 * several threads at once.
 *
 * <p>Contract of {@link #predict}: inputs are validated by the model against its metadata; a
 * request that does not fit throws {@code KServeException} of kind {@code INVALID_INPUT} naming the
 * input, the value found and what was expected; a failure of the framework itself is reported as
 * {@code MODEL_FAILURE}. The response lists every output the model produces; the server selects and
 * encodes the requested ones.
 */
public interface Model extends AutoCloseable {

  /** Names, datatypes and shapes of inputs and outputs; -1 marks a dynamic dimension. */
  ModelMetadata metadata();

  /** Runs one inference. Never returns null. */
  InferResponse predict(InferRequest request);

  /**
   * Whether requests may be merged along dimension 0 of every input and split along dimension 0 of
   * every output (required for dynamic batching). True for row-wise models.
   */
  default boolean batchable() {
    return true;
  }

  /**
   * How KServe's V1 protocol shows this model's outputs: by default the first output's rows, as
   * KServe's sklearn, xgboost and lightgbm servers do; {@code RECORDS} for a model whose KServe
   * server returns one object per row (pmmlserver).
   */
  default V1Predictions v1Predictions() {
    return V1Predictions.FIRST_OUTPUT;
  }

  /**
   * The text-generation side of a language model, for the OpenAI-compatible API; empty for models
   * that do not generate text.
   */
  default Optional<TextGenerator> textGenerator() {
    return Optional.empty();
  }

  /**
   * The OpenAI-compatible engine this model forwards its generation requests to, for models that
   * are served by an upstream rather than in this process; empty otherwise.
   */
  default Optional<OpenAiUpstream> openAiUpstream() {
    return Optional.empty();
  }

  /**
   * How the model answers KServe V1 {@code :predict} bodies itself, JSON in and JSON out, for
   * models whose own code reads the request body (custom Python models, as KServe's Python server
   * calls them); empty for tensor models, whose V1 bodies the server decodes into tensors for
   * {@link #predict}.
   */
  default Optional<JsonPredictor> jsonPredictor() {
    return Optional.empty();
  }

  /**
   * The stages of a model that acts as KServe's transformer (preprocess, then the predictor, then
   * postprocess), run by the server when it has a predictor to call for this model; empty for a
   * model that answers by itself.
   */
  default Optional<TransformerStages> transformer() {
    return Optional.empty();
  }

  /**
   * How the model answers KServe V1 {@code :explain} bodies (KServe's explainer), JSON in and JSON
   * out; empty for a model without an explainer, whose {@code :explain} is answered 501.
   */
  default Optional<JsonPredictor> explainer() {
    return Optional.empty();
  }

  /** Releases native resources; the model is not called afterwards. */
  @Override
  void close();

  /** Convenience for callers that only need the outputs. */
  default InferResponse predict(String modelName, dev.kserve4j.protocol.Tensor... inputs) {
    return predict(InferRequest.of(modelName, inputs));
  }
}
