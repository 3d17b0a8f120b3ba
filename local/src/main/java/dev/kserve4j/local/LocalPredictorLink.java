package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.routing.ServiceRoute;
import dev.kserve4j.server.transform.PredictorLink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded transformer's predictor: the InferenceService's predictor in the same process, called
 * through the server's {@link JsonInference} (V1 {@code :predict} or V2 {@code infer}, as the
 * predictor's protocol is; a {@code grpc-v2} predictor is called over V2), without an HTTP hop. The
 * predictor's revision is chosen per call from its current route, so a canary split behind a
 * transformer holds, and the call is bounded by the transformer's timeout.
 */
final class LocalPredictorLink implements PredictorLink {
  private final JsonInference inference;
  private final ServiceRoutes routes;
  private final String namespace;
  private final String name;
  private final String model;
  private final TransformerStages.Protocol protocol;
  private final Duration timeout;

  /**
   * @param model the model name the predictor serves (the InferenceService's, or the one a custom
   *     container's args give it)
   * @param protocol the predictor's protocol as the plan names it: {@code v1}, {@code v2}, {@code
   *     grpc-v2}
   * @param timeout the longest one call may take
   */
  LocalPredictorLink(
      JsonInference inference,
      ServiceRoutes routes,
      String namespace,
      String name,
      String model,
      String protocol,
      Duration timeout) {
    this.inference = requireNonNull(inference, "inference");
    this.routes = requireNonNull(routes, "routes");
    this.namespace = requireNonNull(namespace, "namespace");
    this.name = requireNonNull(name, "name");
    this.model = requireNonNull(model, "model");
    this.protocol =
        "v1".equals(protocol) ? TransformerStages.Protocol.V1 : TransformerStages.Protocol.V2;
    this.timeout = requireNonNull(timeout, "timeout");
  }

  @Override
  public TransformerStages.Protocol protocol() {
    return protocol;
  }

  @Override
  public String name() {
    return "predictor of InferenceService " + namespace + "/" + name;
  }

  @Override
  public CompletableFuture<JsonReply> call(
      String transformer, byte[] body, Map<String, String> headers) {
    Optional<String> served = routes.predictor(namespace, name).flatMap(r -> pick(r));
    if (served.isEmpty()) {
      return CompletableFuture.completedFuture(
          JsonReply.json(503, V2MetadataCodec.error(name() + ": no revision serves")));
    }
    Map<String, String> sent = new LinkedHashMap<>(headers);
    sent.putIfAbsent("content-type", JsonReply.JSON);
    CompletableFuture<JsonInference.Request> request =
        CompletableFuture.completedFuture(new JsonInference.Request(body, sent));
    CompletableFuture<JsonReply> answer =
        protocol == TransformerStages.Protocol.V1
            ? inference.v1Predict(model, served.get(), request)
            : inference.v2Infer(model, served.get(), null, request);
    return answer
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            failure ->
                CompletableFuture.failedFuture(
                    failure instanceof TimeoutException
                            || failure.getCause() instanceof TimeoutException
                        ? new PredictorUnreachable(
                            504,
                            name() + ": no answer within " + timeout.toSeconds() + " s",
                            failure)
                        : new PredictorUnreachable(502, name() + ": " + failure, failure)));
  }

  private Optional<String> pick(ServiceRoute route) {
    return route.resolve(model);
  }
}
