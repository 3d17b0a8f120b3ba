package dev.kserve4j.server.repository;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A served instance that, once replaced, passes its calls on to the instance that replaced it.
 *
 * <p>A request takes its instance from the repository before it runs; a reload or replace may close
 * that instance in between. {@link DrainingModel} then answers 503 rather than run on a freed
 * runtime; this wrapper runs such a call on the successor instead, so swapping a model fails no
 * request. The successor is set before the instance starts closing, so a call refused by the
 * closing instance always finds it.
 */
final class HandoverModel implements Model {
  private final Model instance;
  private volatile Model successor;

  /** Wraps {@code instance}, which must refuse calls with 503 once it is closing. */
  HandoverModel(Model instance) {
    this.instance = requireNonNull(instance, "instance");
  }

  /** Names the instance that serves this one's calls from now on; call before {@link #close}. */
  void handOver(Model next) {
    successor = requireNonNull(next, "next");
  }

  @Override
  public ModelMetadata metadata() {
    return instance.metadata();
  }

  @Override
  public InferResponse predict(InferRequest request) {
    return handedOver(m -> m.predict(request));
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor() {
    return instance
        .jsonPredictor()
        .map(own -> (body, headers) -> handedOver(m -> jsonOf(m).predict(body, headers)));
  }

  private static JsonPredictor jsonOf(Model model) {
    return model
        .jsonPredictor()
        .orElseThrow(
            () ->
                KServeException.unavailable(
                    "model '"
                        + model.metadata().name()
                        + "' was replaced by a model that takes tensors (retry the request)"));
  }

  @Override
  public Optional<TransformerStages> transformer() {
    return instance
        .transformer()
        .map(
            own ->
                new TransformerStages() {
                  @Override
                  public JsonReply preprocess(Body request, Map<String, String> headers) {
                    return handedOver(m -> stagesOf(m).preprocess(request, headers));
                  }

                  @Override
                  public JsonReply postprocess(
                      Body response, Body request, Map<String, String> headers) {
                    return handedOver(m -> stagesOf(m).postprocess(response, request, headers));
                  }
                });
  }

  private static TransformerStages stagesOf(Model model) {
    return model
        .transformer()
        .orElseThrow(
            () ->
                KServeException.unavailable(
                    "model '"
                        + model.metadata().name()
                        + "' was replaced by a model that is no transformer (retry the request)"));
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return instance
        .explainer()
        .map(
            own ->
                (body, headers) ->
                    handedOver(
                        m ->
                            m.explainer()
                                .orElseThrow(
                                    () ->
                                        KServeException.unavailable(
                                            "model '"
                                                + m.metadata().name()
                                                + "' was replaced by a model without an"
                                                + " explainer (retry the request)"))
                                .predict(body, headers)));
  }

  /** Runs a call on this instance, or on its successor once it has been replaced. */
  private <T> T handedOver(Function<Model, T> call) {
    Model next = successor;
    if (next != null) {
      return call.apply(next);
    }
    try {
      return call.apply(instance);
    } catch (KServeException e) {
      // Read after the call: a 503 from an instance replaced meanwhile means "closing".
      next = successor;
      if (next == null || e.kind() != ErrorKind.UNAVAILABLE) {
        throw e;
      }
      return call.apply(next);
    }
  }

  @Override
  public Optional<OpenAiUpstream> openAiUpstream() {
    return instance.openAiUpstream();
  }

  @Override
  public Optional<TextGenerator> textGenerator() {
    return instance.textGenerator();
  }

  @Override
  public V1Predictions v1Predictions() {
    return instance.v1Predictions();
  }

  @Override
  public boolean batchable() {
    return instance.batchable();
  }

  @Override
  public void close() {
    instance.close();
  }
}
