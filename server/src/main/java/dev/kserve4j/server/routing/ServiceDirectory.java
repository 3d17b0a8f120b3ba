package dev.kserve4j.server.routing;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.shadow.ShadowMirror;
import java.util.List;
import java.util.Optional;

/**
 * Resolves requests to InferenceServices the way KServe's ingress does: by the {@code Host} header
 * ({@code {name}.{namespace}.{domain}} and the component hosts) or by the path prefix {@code
 * /serving/{namespace}/{name}/}. Implementations are read on every request from event-loop threads,
 * so lookups must be cheap and non-blocking.
 */
public interface ServiceDirectory {
  /** The serving InferenceService whose host is {@code host} (lower case, without port). */
  Optional<ServiceRoute> byHost(String host);

  /** The serving InferenceService {@code namespace/name}. */
  Optional<ServiceRoute> byPath(String namespace, String name);

  /**
   * Whether {@code host} lies under a domain this directory hands out hosts in; a request for such
   * a host that {@link #byHost} does not know is answered 404 instead of being served as if it had
   * no host.
   */
  boolean manages(String host);

  /**
   * The route of a request that names no InferenceService (no managed host, no {@code /serving/}
   * path) but calls {@code model}: the InferenceService that serves that name, so that {@code
   * /v2/models/{name}} works without a host as it does on KServe's model server; empty for models
   * the repository serves under their own name.
   */
  default Optional<ServiceRoute> byModel(String model) {
    return Optional.empty();
  }

  /**
   * How the repository model {@code repositoryModel} is listed to clients: under its own name (the
   * default), under the name clients call (a revision of a rollout), or not at all (empty).
   */
  default Optional<String> listedAs(String repositoryModel) {
    return Optional.of(repositoryModel);
  }

  /** The endpoint (an InferenceGraph) whose host is {@code host}, consulted when no service is. */
  default Optional<RoutedEndpoint> endpointByHost(String host) {
    return Optional.empty();
  }

  /** The endpoint {@code namespace/name}, consulted when no such service serves. */
  default Optional<RoutedEndpoint> endpointByPath(String namespace, String name) {
    return Optional.empty();
  }

  /**
   * Counts a request that is starting, before any route is read for it; the returned action runs
   * once it finished. A directory that stops routing to a model waits for the requests counted
   * before (see {@link RequestEpochs}) before the model is unloaded. By default nothing is counted.
   */
  default Runnable requestStarted() {
    return () -> {};
  }

  /**
   * The shadow mirrors of requests answered by the repository model {@code servedModel} over {@code
   * protocol} ({@code v1} or {@code v2}): each is offered the request and the answer once it is
   * given, never changing or delaying it. By default none.
   */
  default List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors(
      String servedModel, String protocol) {
    return List.of();
  }

  /**
   * The shadow mirrors of gRPC {@code ModelInfer} requests answered by the repository model {@code
   * servedModel}: each is offered the decoded request (naming {@code servedModel}) and the answer
   * once it is given, never changing or delaying it. By default none.
   */
  default List<ShadowMirror<InferRequest, InferResponse>> tensorMirrors(String servedModel) {
    return List.of();
  }
}
