package dev.kserve4j.server;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

  /** Whether the model (and version, when non-null) is loaded and ready; throws NOT_FOUND if unknown. */
  boolean modelReady(String name, String version);

  /** How V1 {@code :predict} shows the model's outputs; throws NOT_FOUND for an unknown model. */
  default V1Predictions v1Predictions(String name) {
    modelReady(name, null);
    return V1Predictions.FIRST_OUTPUT;
  }

  /** Metadata of a model; throws NOT_FOUND for an unknown model or version. */
  ModelMetadata modelMetadata(String name, String version);

  /**
   * Runs inference on the model named in the request. The future fails with a
   * {@code KServeException} for bad input (INVALID_INPUT), unknown model (NOT_FOUND), a model that
   * is not ready (UNAVAILABLE) or a failure of the model (MODEL_FAILURE). Only the outputs named
   * in {@code request.outputs()} are returned when that list is non-empty.
   */
  CompletableFuture<InferResponse> infer(InferRequest request);

  /** The model repository index; with {@code readyOnly} only READY models. */
  List<RepositoryEntry> repositoryIndex(boolean readyOnly);

  /** Loads (or reloads) a model known to the repository; throws NOT_FOUND if it is unknown. */
  void load(String name);

  /** Unloads a model; it stays in the index as UNAVAILABLE. Throws NOT_FOUND if it is unknown. */
  void unload(String name);
}
