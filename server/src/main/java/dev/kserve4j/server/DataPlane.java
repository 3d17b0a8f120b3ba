package dev.kserve4j.server;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every protocol front end (V1, V2 REST, V2 gRPC) calls: one data plane, several route sets.
 * Failures are {@code KServeException}s; each front end maps their kind to its status codes.
 */
public interface DataPlane {

  /** The server can answer requests at all. */
  boolean live();

  /** Every configured model is ready. */
  boolean ready();

  ServerMetadata serverMetadata();

  /**
   * Whether the model (and version, when non-null) is loaded and ready; throws NOT_FOUND if
   * unknown.
   */
  boolean modelReady(String name, String version);

  /** How V1 {@code :predict} shows the model's outputs; throws NOT_FOUND for an unknown model. */
  default V1Predictions v1Predictions(String name) {
    modelReady(name, null);
    return V1Predictions.FIRST_OUTPUT;
  }

  /**
   * The model's own answer to V1 bodies (a custom Python model's), or empty when the server decodes
   * its V1 bodies into tensors. Throws NOT_FOUND for an unknown model and UNAVAILABLE for one that
   * is not loaded.
   */
  default Optional<JsonPredictor> jsonPredictor(String name) {
    modelReady(name, null);
    return Optional.empty();
  }

  /**
   * The model's transformer stages, or empty for a model that answers by itself. Throws NOT_FOUND
   * for an unknown model and UNAVAILABLE for one that is not loaded.
   */
  default Optional<TransformerStages> transformer(String name) {
    modelReady(name, null);
    return Optional.empty();
  }

  /**
   * The model's answer to V1 {@code :explain} bodies, or empty for a model without an explainer.
   * Throws NOT_FOUND for an unknown model and UNAVAILABLE for one that is not loaded.
   */
  default Optional<JsonPredictor> explainer(String name) {
    modelReady(name, null);
    return Optional.empty();
  }

  /** Metadata of a model; throws NOT_FOUND for an unknown model or version. */
  ModelMetadata modelMetadata(String name, String version);

  /**
   * Runs inference on the model named in the request. The future fails with a {@code
   * KServeException} for bad input (INVALID_INPUT), unknown model (NOT_FOUND), a model that is not
   * ready (UNAVAILABLE) or a failure of the model (MODEL_FAILURE). Only the outputs named in {@code
   * request.outputs()} are returned when that list is non-empty.
   */
  CompletableFuture<InferResponse> infer(InferRequest request);

  /** The model repository index; with {@code readyOnly} only READY models. */
  List<RepositoryEntry> repositoryIndex(boolean readyOnly);

  /**
   * Loads (or reloads) a model known to the repository, or one found by name in the server's model
   * repository directory; throws NOT_FOUND if it is neither.
   */
  void load(String name);

  /**
   * Unloads a model; a configured model stays in the index as UNAVAILABLE, one loaded from the
   * model repository directory is forgotten. Throws NOT_FOUND if it is unknown.
   */
  void unload(String name);

  /**
   * Runs {@code call}, a blocking call of model {@code name} (a JSON predictor, a transformer
   * stage, an explanation), on {@code executor}. A model served by replicas first waits for one
   * without holding a thread (the activator), then runs the call on it.
   */
  default <T> CompletableFuture<T> dispatch(String name, Supplier<T> call, Executor executor) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  /**
   * The text generator of a model, for the OpenAI-compatible API. Throws NOT_FOUND for an unknown
   * model, UNAVAILABLE for one that is not loaded and INVALID_INPUT for one that does not generate
   * text (the default, for data planes without language models).
   */
  default TextGenerator textGenerator(String name) {
    modelReady(name, null);
    throw KServeException.invalidInput(
        "model '"
            + name
            + "' does not generate text (expected a"
            + " language model; serve this model through the V1 or V2 protocol)");
  }

  /**
   * The OpenAI-compatible engine a model's generation requests are forwarded to, or empty when the
   * model generates here (or not at all). Throws NOT_FOUND for an unknown model.
   */
  default Optional<OpenAiUpstream> openAiUpstream(String name) {
    modelReady(name, null);
    return Optional.empty();
  }

  /**
   * The loaded models the OpenAI API serves, generating here or forwarded upstream, in repository
   * order (OpenAI's model list).
   */
  default List<String> textGeneratorNames() {
    return repositoryIndex(true).stream()
        .map(RepositoryEntry::name)
        .filter(
            name -> {
              try {
                if (openAiUpstream(name).isPresent()) {
                  return true;
                }
                textGenerator(name);
                return true;
              } catch (KServeException e) {
                return false; // unloaded in the meantime, or not a language model
              }
            })
        .toList();
  }
}
